import type { ObjectIndex } from '../../store/apply-delta.js';
import type { DetailsSubject } from './details-subject.js';
import { hostGeneralSections, networkGeneralSections, poolGeneralSections, srGeneralSections } from './general-infra.js';
import { vmGeneralSections } from './general-vm.js';
import type { PropertySection } from './property-section.js';

/** The General tab's sections for whatever is selected (none for grouping rows). */
export function generalSections(index: ObjectIndex, subject: DetailsSubject, nowMs: number): PropertySection[] {
  switch (subject.kind) {
    case 'vm':
    case 'template':
      return vmGeneralSections(index, subject.object, nowMs);
    case 'host':
      return hostGeneralSections(index, subject.object, nowMs);
    case 'pool':
      return poolGeneralSections(index, subject.object);
    case 'sr':
      return srGeneralSections(index, subject.object);
    case 'network':
      return networkGeneralSections(subject.object);
    case 'group':
      return [];
  }
}
