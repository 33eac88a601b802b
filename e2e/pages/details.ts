import { expect, type Locator, type Page } from '@playwright/test';
import { MainWindow } from './main-window.js';

/** The right pane as a person sees it: the selected object's title, its tab strip, the open tab's panel. */
export class DetailsPane {
  readonly window: MainWindow;
  readonly pane: Locator;
  readonly title: Locator;
  readonly tabs: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.window = new MainWindow(page);
    this.pane = page.getByRole('region', { name: 'Details' });
    this.title = this.pane.getByRole('heading', { level: 1 });
    this.tabs = this.pane.getByRole('tablist');
    this.panel = this.pane.getByRole('tabpanel');
  }

  /** Clicks an object's row in the tree by its name and waits for the pane to show it. */
  async select(name: string): Promise<void> {
    await this.window.treeItem(name).getByText(name, { exact: true }).first().click();
    await expect(this.title).toHaveText(name);
  }

  /** Clicks the pool's row (the first top-level row). */
  async selectPool(poolName: string): Promise<void> {
    const poolRow = this.window.tree.getByRole('treeitem', { level: 1 }).first();
    await poolRow.getByText(poolName, { exact: true }).first().click();
    await expect(this.title).toHaveText(poolName);
  }

  tab(name: string): Locator {
    return this.tabs.getByRole('tab', { name, exact: true });
  }

  async openTab(name: string): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
    await expect(this.panel).toHaveAccessibleName(name);
  }

  /** The tab names in strip order. */
  async tabNames(): Promise<string[]> {
    return this.tabs.getByRole('tab').allTextContents();
  }

  /** A General-tab property's value (the dd next to its dt), inside one titled group. */
  property(group: string, label: string): Locator {
    return this.panel
      .getByRole('region', { name: group, exact: true })
      .locator('.property-row')
      .filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd');
  }

  grid(name: string): Locator {
    return this.panel.getByRole('grid', { name, exact: true });
  }

  /** A grid's body row containing a text. */
  row(grid: Locator, text: string): Locator {
    return grid.getByRole('row').filter({ hasText: text });
  }
}

/** What the details pane writes for a byte count (XenCenter's binary units, one decimal). */
export function bytesText(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit < 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}
