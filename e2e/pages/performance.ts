import { expect, type Locator, type Page } from '@playwright/test';
import { DetailsPane } from './details.js';

/** The Performance tab as a person sees it: the range picker, the graphs (figures named by title), the chooser. */
export class PerformanceTab {
  readonly details: DetailsPane;

  constructor(readonly page: Page) {
    this.details = new DetailsPane(page);
  }

  async open(objectName: string): Promise<void> {
    await this.details.select(objectName);
    await this.details.openTab('Performance');
  }

  /** A graph by its title (its accessible name starts with the title). */
  graph(title: string): Locator {
    return this.details.panel.getByRole('figure', { name: new RegExp(`^${title}:`) });
  }

  async graphTitles(): Promise<string[]> {
    return this.details.panel.locator('.perf-graph-title').allTextContents();
  }

  /** The mean of the newest values of a graph's lines, as the graph exposes it (null before any point). */
  async lastValue(title: string): Promise<number | null> {
    const text = await this.graph(title).getAttribute('data-last-value');
    return text ? Number(text) : null;
  }

  async range(label: string): Promise<void> {
    await this.details.panel.getByLabel('Time range').selectOption(label);
  }

  /** Seconds between the start and end of the graph's time axis. */
  async span(title: string): Promise<number> {
    const graph = this.graph(title);
    return Number(await graph.getAttribute('data-to')) - Number(await graph.getAttribute('data-from'));
  }

  /** New Graph…: names it and ticks data sources by their name (cpu0, vif_0_rx…), then saves. */
  async addGraph(title: string, sources: readonly string[]): Promise<void> {
    await this.details.panel.getByRole('button', { name: 'New Graph…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New Graph' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Name').fill(title);
    for (const source of sources) await dialog.getByRole('checkbox', { name: new RegExp(`\\(${source}\\)`) }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  }
}
