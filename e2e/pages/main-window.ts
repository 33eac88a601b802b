import { expect, type Locator, type Page } from '@playwright/test';
import type { Simulator } from '../fixtures/simulator.js';

/** The main window as a person sees it: title bar, resource tree, status bar, and the dialogs it opens. */
export class MainWindow {
  readonly tree: Locator;
  readonly addPoolDialog: Locator;
  readonly trustDialog: Locator;
  readonly poolSummary: Locator;

  constructor(readonly page: Page) {
    this.tree = page.getByRole('tree', { name: 'Pools, hosts and VMs' });
    this.addPoolDialog = page.getByRole('dialog', { name: 'Add New Server' });
    this.trustDialog = page.getByRole('dialog', { name: /Security Certificate/ });
    this.poolSummary = page.getByTestId('pool-summary');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByTestId('server-connection')).toHaveText('Connected to the Xenith server');
  }

  /** Opens Add Pool and types what a person types; does not click Add. */
  async fillAddPool(server: string, user: string, password: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add Pool' }).click();
    await expect(this.addPoolDialog).toBeVisible();
    await expect(this.addButton()).toBeDisabled();
    await this.addPoolDialog.getByLabel('Server:').fill(server);
    await this.addPoolDialog.getByLabel('User name:').fill(user);
    await this.addPoolDialog.getByLabel('Password:').fill(password);
  }

  /**
   * Opens Xenith, adds the simulated pool as a person does (Add Pool, trust the certificate) and waits until the
   * master's row is in the tree and the status bar no longer counts VMs arriving (the tree shows the master first
   * and fills in after); a big pool's first sync may want a longer `connectTimeout`.
   */
  async connectPool(url: string, simulator: Simulator, connectTimeout = 10_000): Promise<void> {
    await this.open(url);
    await this.fillAddPool(simulator.masterAddress, simulator.credentials.user, simulator.credentials.password);
    await this.addButton().click();
    await this.trustDialog.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect(this.addPoolDialog).toBeHidden({ timeout: connectTimeout });
    await expect(this.treeItem(simulator.master.name)).toBeVisible({ timeout: connectTimeout });
    await expect(this.page.getByTestId('pool-loading')).toBeHidden({ timeout: connectTimeout });
  }

  addButton(): Locator {
    return this.addPoolDialog.getByRole('button', { name: 'Add', exact: true });
  }

  treeItem(name: string): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true });
  }

  /** The power-state icon of a VM row (an image named Running, Halted, Suspended or Paused). */
  vmPowerIcon(vmName: string, state: string): Locator {
    return this.treeItem(vmName).getByRole('img', { name: state, exact: true });
  }
}
