import { expect, type Locator, type Page } from '@playwright/test';
import type { Simulator } from '../fixtures/simulator.js';
import { MainWindow } from './main-window.js';

/**
 * The dialogs the main window's commands open, found as a person (and a screen reader) finds them: by role and
 * title. Also the few steps every dialog spec starts with (connect the simulated pool, open a row's menu).
 */
export class Dialogs {
  readonly window: MainWindow;

  constructor(readonly page: Page) {
    this.window = new MainWindow(page);
  }

  /** A dialog by its title (its accessible name). */
  dialog(title: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  get newVm(): Locator {
    return this.dialog('New VM');
  }

  /**
   * Opens Xenith, adds the simulated pool, trusts its certificate and waits for every server in the tree and for
   * the pool's last objects (the dialog closes once the first rows are in; VMs and the rest follow).
   */
  async connect(url: string, simulator: Simulator): Promise<void> {
    await this.window.connectPool(url, simulator);
    for (const host of simulator.hosts) await expect(this.window.treeItem(host.name)).toBeVisible();
  }

  /** Right-clicks a tree row (selecting it, as a person's right click does) and chooses a context menu item. */
  async contextCommand(rowName: string, item: string | RegExp): Promise<void> {
    await this.window.treeItem(rowName).locator('.tree-name').first().click({ button: 'right' });
    const menu = this.page.getByRole('menu');
    await expect(menu).toBeVisible();
    await menu.getByRole('menuitem', { name: item }).click();
  }

  /** Chooses an item of the menu bar (File, VM, Server…). */
  async menuCommand(menu: string, item: string | RegExp): Promise<void> {
    await this.page.getByRole('menubar', { name: 'Main menu' }).getByRole('menuitem', { name: menu, exact: true }).click();
    await this.page.getByRole('menu', { name: menu }).getByRole('menuitem', { name: item }).click();
  }

  /** The New VM wizard's Next button (disabled with a reason until the step is valid). */
  wizardButton(name: 'Back' | 'Next' | 'Create Now' | 'Cancel'): Locator {
    return this.newVm.getByRole('button', { name, exact: true });
  }

  /** The step the wizard shows (its left list marks it as current). */
  currentStep(): Locator {
    return this.newVm.getByRole('navigation', { name: 'Steps' }).locator('[aria-current="step"]');
  }
}
