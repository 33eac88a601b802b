import { z } from 'zod';
import { defineMethod } from '../define.js';
import { objectIdSchema } from '../job-schema.js';
import { dataSourceNameSchema, graphSpecSchema, objectSeriesSchema, statsOverviewSchema, statsResolutionSchema } from '../stats-schema.js';

/** A name the client gives a set of open graphs, so `stats.changed` says which graphs its points are for. */
const watchIdSchema = z.string().min(1).max(64);

export const statsMethods = {
  'stats.query': defineMethod({
    summary:
      "Metrics of VMs and hosts at one resolution from the shared stats cache (one rrd_updates per host per resolution for all graphs and clients); with watchId, the client keeps receiving new points as stats.changed until stats.unwatch.",
    input: z
      .object({
        objectIds: z.array(objectIdSchema).min(1).max(200),
        resolution: statsResolutionSchema,
        /** Epoch seconds; by default the whole archive. */
        from: z.number().optional(),
        to: z.number().optional(),
        /** Only these data sources; by default all. */
        sources: z.array(dataSourceNameSchema).max(200).optional(),
        watchId: watchIdSchema.optional(),
      })
      .strict(),
    output: z.object({ series: z.array(objectSeriesSchema) }),
  }),
  'stats.unwatch': defineMethod({
    summary: 'Stops the stats.changed events of one set of graphs (its host polling stops when nobody else watches).',
    input: z.object({ watchId: watchIdSchema }).strict(),
    output: z.object({ stopped: z.boolean() }),
  }),
  'stats.saveLayout': defineMethod({
    summary: "Saves the graphs of an object's Performance tab in its pool's gui_config, so every admin of the pool sees them; null restores the defaults.",
    input: z.object({ objectId: objectIdSchema, graphs: z.array(graphSpecSchema).max(40).nullable() }).strict(),
    output: z.object({ saved: z.boolean() }),
  }),
  'stats.overview': defineMethod({
    summary:
      "Every connected pool's hosts (CPU, memory) and the VMs using the most CPU, memory, network and disk, from the shared cache's newest points; with watch, the client's hosts keep being polled (no events: ask again) until stats.unwatch of '#overview'.",
    input: z.object({ limit: z.number().int().min(1).max(50).default(5), watch: z.boolean().default(true) }).strict(),
    output: statsOverviewSchema,
  }),
};
