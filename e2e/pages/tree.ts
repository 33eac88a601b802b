import type { Locator, Page } from '@playwright/test';

/** One tree row as a person reads it: its indentation level and its name. */
export interface OutlineRow {
  level: number;
  name: string;
}

/** The left pane as a person uses it: the search box, the view switch and the resource tree. */
export class ResourceTreePane {
  readonly tree: Locator;
  readonly search: Locator;
  readonly views: Locator;

  constructor(readonly page: Page) {
    this.tree = page.getByRole('tree', { name: 'Pools, hosts and VMs' });
    this.search = page.getByRole('searchbox', { name: 'Search resources' });
    this.views = page.getByRole('radiogroup', { name: 'View' });
  }

  view(name: 'Infrastructure' | 'Objects' | 'Tags'): Locator {
    return this.views.getByRole('radio', { name, exact: true });
  }

  row(name: string): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true });
  }

  /** The rows on screen in order (the tree is virtualised: rows far out of view are not listed). */
  async outline(): Promise<OutlineRow[]> {
    return this.rowsOf(this.tree.getByRole('treeitem'));
  }

  /** The names of the selected rows on screen, in order. */
  async selectedNames(): Promise<string[]> {
    return (await this.rowsOf(this.tree.locator('[role="treeitem"][aria-selected="true"]'))).map((row) => row.name);
  }

  private rowsOf(items: Locator): Promise<OutlineRow[]> {
    return items.evaluateAll((items) =>
      items.map((item) => ({
        level: Number(item.getAttribute('aria-level')),
        name: document.getElementById(item.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
      })),
    );
  }

  /** The names of the rows directly under the first row called `parent`, in order. */
  async childrenOf(parent: string): Promise<string[]> {
    const rows = await this.outline();
    const at = rows.findIndex((row) => row.name === parent);
    if (at < 0) throw new Error(`no row named ${parent}`);
    const children: string[] = [];
    for (const row of rows.slice(at + 1)) {
      if (row.level <= rows[at]!.level) break;
      if (row.level === rows[at]!.level + 1) children.push(row.name);
    }
    return children;
  }
}
