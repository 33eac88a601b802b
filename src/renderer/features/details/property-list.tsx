import { useId } from 'react';
import type { PropertySection } from './property-section.js';

/** XenCenter's property groups: one titled section per group, each a description list (label → value). */
export function PropertyList({ sections }: { sections: readonly PropertySection[] }) {
  return (
    <div className="property-sections">
      {sections.map((section) => (
        <PropertyGroup key={section.title} section={section} />
      ))}
    </div>
  );
}

function PropertyGroup({ section }: { section: PropertySection }) {
  const headingId = useId();
  return (
    <section className="property-group" aria-labelledby={headingId}>
      <h2 id={headingId} className="property-group-title">
        {section.title}
      </h2>
      <dl className="property-rows">
        {section.rows.map((row) => (
          <div key={row.label} className="property-row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
