import { expect, type Locator, type Page } from '@playwright/test';
import { Dialogs } from './dialogs.js';

/** A Properties dialog as a person uses it: its page list on the left, the page's labelled fields, OK and Cancel. */
export class PropertiesDialog {
  readonly dialogs: Dialogs;
  readonly dialog: Locator;

  constructor(
    readonly page: Page,
    readonly objectName: string,
  ) {
    this.dialogs = new Dialogs(page);
    this.dialog = page.getByRole('dialog', { name: `'${objectName}' Properties` });
  }

  /** Opens the dialog from the row's context menu. */
  async openFromTree(rowName = this.objectName): Promise<void> {
    await this.dialogs.contextCommand(rowName, 'Properties');
    await expect(this.dialog).toBeVisible();
  }

  /** The page list's button of a page (its name is the title followed by what the page is set to). */
  pageButton(title: string): Locator {
    return this.dialog.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: new RegExp(`^${title}\\b`) });
  }

  async showPage(title: string): Promise<void> {
    await this.pageButton(title).click();
    await expect(this.pageButton(title)).toHaveAttribute('aria-current', 'page');
    await expect(this.dialog.getByRole('heading', { level: 3, name: title, exact: true })).toBeVisible();
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  ok(): Locator {
    return this.dialog.getByRole('button', { name: 'OK', exact: true });
  }
}
