import { expect, type Locator, type Page } from '@playwright/test';
import { DetailsPane } from './details.js';

/** The Snapshots tab of a VM, as a person sees it: its toolbar, the tree (or list), the schedule line, the details. */
export class SnapshotsTab {
  readonly details: DetailsPane;

  constructor(readonly page: Page) {
    this.details = new DetailsPane(page);
  }

  /** Selects the VM in the resource tree and opens its Snapshots tab. */
  async open(vmName: string): Promise<void> {
    await this.details.select(vmName);
    await this.details.openTab('Snapshots');
  }

  get toolbar(): Locator {
    return this.details.panel.getByRole('toolbar', { name: 'Snapshots' });
  }

  button(label: string): Locator {
    return this.toolbar.getByRole('button', { name: label, exact: true });
  }

  get tree(): Locator {
    return this.details.panel.getByRole('tree', { name: 'Snapshots' });
  }

  node(name: string): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true });
  }

  /** The names of the tree rows in the DOM (only those in view are mounted), top to bottom. */
  async nodeNames(): Promise<string[]> {
    const rows = await this.tree.getByRole('treeitem').evaluateAll((items) =>
      items.map((item) => ({ name: item.getAttribute('aria-label') ?? '', top: new DOMMatrix(getComputedStyle(item).transform).m42 })),
    );
    return rows.sort((a, b) => a.top - b.top).map((row) => row.name);
  }

  get side(): Locator {
    return this.details.panel.getByRole('complementary', { name: 'Snapshot details' });
  }

  get scheduleLine(): Locator {
    return this.details.panel.getByRole('status', { name: 'Scheduled snapshots' });
  }

  /** Chooses an item of the toolbar's Actions menu (with the snapshots chosen in the tree). */
  async action(item: string): Promise<void> {
    await this.button('Actions').click();
    const menu = this.page.getByRole('menu', { name: 'Snapshot menu' });
    await expect(menu).toBeVisible();
    await menu.getByRole('menuitem', { name: item, exact: true }).click();
  }
}
