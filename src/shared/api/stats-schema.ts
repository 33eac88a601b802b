import { z } from 'zod';

/**
 * The four archives XAPI keeps for every host and VM (xcp-rrdd): the step of their rows and how far back they
 * reach. A graph's time range picks the finest archive that covers it.
 */
export const statsResolutions = {
  '5s': { step: 5, rows: 120 },
  '1m': { step: 60, rows: 120 },
  '1h': { step: 3600, rows: 168 },
  '1d': { step: 86400, rows: 366 },
} as const;

export const statsResolutionSchema = z.enum(['5s', '1m', '1h', '1d']);
export type StatsResolution = z.infer<typeof statsResolutionSchema>;

/** Seconds an archive reaches back. */
export function resolutionWindow(resolution: StatsResolution): number {
  const { step, rows } = statsResolutions[resolution];
  return step * rows;
}

/** A data source's name as xcp-rrdd publishes it (`cpu0`, `vif_0_rx`, `memory_internal_free`…). */
export const dataSourceNameSchema = z.string().min(1).max(100).regex(/^[\w.:-]+$/, 'Not a data source name');

/**
 * One object's values at one resolution on a regular grid: point i is at `start + i × step` (epoch seconds);
 * null where the pool had no value (NaN, a host down, before the VM started): a gap, never a line.
 */
export const objectSeriesSchema = z.object({
  objectId: z.string(),
  start: z.number(),
  step: z.number().int().positive(),
  sources: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })),
});
export type ObjectSeries = z.infer<typeof objectSeriesSchema>;

/** One graph of a Performance tab: a title and the data sources it draws. */
export const graphSpecSchema = z
  .object({
    title: z.string().trim().min(1).max(100),
    sources: z.array(dataSourceNameSchema).min(1).max(32),
  })
  .strict();
export type GraphSpec = z.infer<typeof graphSpecSchema>;

/** The pool `gui_config` key under which the Performance tab of an object (by UUID) keeps its graphs. */
export function graphLayoutKey(objectUuid: string): string {
  return `Xenith.PerformanceGraphs.${objectUuid}`;
}

const rankedSchema = z.array(z.object({ objectId: z.string(), value: z.number() }));

/** The pool overview: each host's CPU (0–1) and memory, and the VMs using the most of each resource. */
export const statsOverviewSchema = z.object({
  hosts: z.array(z.object({ objectId: z.string(), cpu: z.number().nullable(), memoryUsed: z.number().nullable(), memoryTotal: z.number().nullable() })),
  top: z.object({ cpu: rankedSchema, memory: rankedSchema, network: rankedSchema, disk: rankedSchema }),
});
export type StatsOverview = z.infer<typeof statsOverviewSchema>;
