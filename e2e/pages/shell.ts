import { expect, type Locator, type Page } from '@playwright/test';
import type { Simulator } from '../fixtures/simulator.js';
import { MainWindow } from './main-window.js';

/**
 * The main window's frame as a person uses it: menu bar, toolbar, context menu, task panel and status bar,
 * found by role and accessible name.
 */
export class Shell {
  readonly window: MainWindow;
  readonly menuBar: Locator;
  readonly toolbar: Locator;
  readonly taskPanel: Locator;
  readonly contextMenu: Locator;

  constructor(readonly page: Page) {
    this.window = new MainWindow(page);
    this.menuBar = page.getByRole('menubar', { name: 'Main menu' });
    this.toolbar = page.getByRole('toolbar', { name: 'Main toolbar' });
    this.taskPanel = page.getByRole('region', { name: 'Tasks' });
    this.contextMenu = page.getByRole('menu', { name: 'Context menu' });
  }

  /** A toolbar button by its exact label ("Shut Down" is not "Force Shut Down"). */
  button(label: string): Locator {
    return this.toolbar.getByRole('button', { name: label, exact: true });
  }

  /** Selects a tree row with a click, as a person does (Ctrl-click adds it to the selection). */
  async select(rowName: string, modifiers: ('ControlOrMeta' | 'Shift')[] = []): Promise<void> {
    await this.window.treeItem(rowName).locator('.tree-name').first().click({ modifiers });
  }

  /** Opens a menu of the menu bar and chooses an item. */
  async menuCommand(menu: string, item: string): Promise<void> {
    await this.menuBar.getByRole('menuitem', { name: menu, exact: true }).click();
    await this.page.getByRole('menu', { name: menu }).getByRole('menuitem', { name: item, exact: true }).click();
  }

  /** Right-clicks a tree row and chooses an item of its context menu. */
  async contextCommand(rowName: string, item: string): Promise<void> {
    await this.window.treeItem(rowName).locator('.tree-name').first().click({ button: 'right' });
    await expect(this.contextMenu).toBeVisible();
    await this.contextMenu.getByRole('menuitem', { name: item, exact: true }).click();
  }

  /** The task panel's line for a task or job, by its title. */
  task(title: string | RegExp): Locator {
    return this.taskPanel.getByRole('row', { name: title });
  }

  /** A confirm dialog's button (force operations ask first). */
  async confirm(title: string, button: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}

/** A VM of the simulated pool by name, as the simulator's own database has it now. */
export async function simulatedVm(simulator: Simulator, name: string): Promise<{ ref: string; record: Record<string, unknown> }> {
  const { tables } = await simulator.database();
  const found = Object.entries(tables.VM ?? {}).find(([, vm]) => vm.name_label === name && vm.is_a_snapshot !== true && vm.is_a_template !== true);
  if (!found) throw new Error(`the simulator has no VM called ${name}`);
  return { ref: found[0], record: found[1] };
}

/** User VMs of the simulated pool in a power state, whose names are unique (so the tree row is unambiguous). */
export async function simulatedVmsIn(simulator: Simulator, powerState: string): Promise<string[]> {
  const { tables } = await simulator.database();
  const vms = Object.values(tables.VM ?? {}).filter((vm) => vm.is_a_template !== true && vm.is_a_snapshot !== true && vm.is_control_domain !== true);
  const names = vms.map((vm) => String(vm.name_label));
  return vms.filter((vm) => vm.power_state === powerState && names.filter((name) => name === vm.name_label).length === 1).map((vm) => String(vm.name_label)).sort();
}
