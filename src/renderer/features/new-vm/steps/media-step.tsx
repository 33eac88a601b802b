import { useId, useMemo } from 'react';
import { isoImagesOfPool, type IsoChoice } from '../../dialogs/pool-resources.js';
import type { StepProps } from './step-props.js';

function groupBySr(images: readonly IsoChoice[]): [string, IsoChoice[]][] {
  const groups = new Map<string, IsoChoice[]>();
  for (const image of images) groups.set(image.srName, [...(groups.get(image.srName) ?? []), image]);
  return [...groups];
}

/** Installation Media: an ISO image from the pool's ISO SRs for the CD drive, or none. */
export function MediaStep({ choices, mirror, update }: StepProps) {
  const ids = useId();
  const images = useMemo(() => isoImagesOfPool(mirror, choices.poolId), [mirror, choices.poolId]);
  const fromIso = choices.isoVdiId !== null;
  const setIso = (isoVdiId: string | null) => update((current) => ({ ...current, isoVdiId }));
  return (
    <fieldset className="media-step plain">
      <legend className="visually-hidden">Installation media</legend>
      <label className="check">
        <input type="radio" name={`${ids}-media`} checked={!fromIso} onChange={() => setIso(null)} data-autofocus={!fromIso ? true : undefined} />
        No installation media
      </label>
      <label className="check">
        <input type="radio" name={`${ids}-media`} checked={fromIso} disabled={images.length === 0} onChange={() => setIso(images[0]?.id ?? null)} data-autofocus={fromIso ? true : undefined} />
        Install from an ISO image
      </label>
      {images.length === 0 && <p className="dialog-note">This pool has no ISO library.</p>}
      <div className="field indented">
        <label htmlFor={`${ids}-iso`}>ISO image:</label>
        <select id={`${ids}-iso`} value={choices.isoVdiId ?? ''} disabled={!fromIso} onChange={(event) => setIso(event.target.value)}>
          {!fromIso && <option value="">(none)</option>}
          {groupBySr(images).map(([srName, group]) => (
            <optgroup key={srName} label={srName}>
              {group.map((image) => (
                <option key={image.id} value={image.id}>
                  {image.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
