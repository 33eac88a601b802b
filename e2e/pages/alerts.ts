import { expect, type Locator, type Page } from '@playwright/test';

/** XenCenter's Alerts view (Tools > Alerts…): the list, its filters, Dismiss. */
export class AlertsView {
  readonly dialog: Locator;
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Alerts' });
    this.list = this.dialog.getByRole('list', { name: 'Alerts list' });
  }

  async openFromMenu(): Promise<void> {
    await this.page.getByRole('menubar', { name: 'Main menu' }).getByRole('menuitem', { name: 'Tools', exact: true }).click();
    await this.page.getByRole('menu', { name: 'Tools' }).getByRole('menuitem', { name: 'Alerts…' }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** An alert's row by its title (and object, when given). */
  row(title: string | RegExp): Locator {
    return this.list.getByRole('listitem').filter({ hasText: title });
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
