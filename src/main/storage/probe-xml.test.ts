import { describe, expect, it } from 'vitest';
import { parseExports, parseLuns, parseSrList, parseTargets } from './probe-xml.js';

// As SM writes them (minidom's pretty print: values on their own lines).
const targets = `<?xml version="1.0" ?>
<iscsi-target-iqns>
\t<TGT>
\t\t<Index>
\t\t\t0
\t\t</Index>
\t\t<IPAddress>
\t\t\t10.0.20.30
\t\t</IPAddress>
\t\t<TargetIQN>
\t\t\tiqn.2004-04.com.example:storage.lun0
\t\t</TargetIQN>
\t</TGT>
\t<TGT>
\t\t<Index>
\t\t\t1
\t\t</Index>
\t\t<IPAddress>
\t\t\t10.0.20.30
\t\t</IPAddress>
\t\t<TargetIQN>
\t\t\t*
\t\t</TargetIQN>
\t</TGT>
</iscsi-target-iqns>
`;

describe('SM probe documents', () => {
  it('reads the targets of a portal without the "all" entry', () => {
    expect(parseTargets(targets)).toEqual([{ iqn: 'iqn.2004-04.com.example:storage.lun0', address: '10.0.20.30' }]);
  });

  it('reads LUNs, exports and SR lists, trimming values and unescaping entities', () => {
    const luns = '<iscsi-target><LUN><vendor>LIO-ORG</vendor><serial> abc </serial><LUNid>2</LUNid><size>1073741824</size><SCSIid>3600 </SCSIid></LUN><LUN><LUNid>9</LUNid></LUN></iscsi-target>';
    expect(parseLuns(luns)).toEqual([{ scsiId: '3600', lunId: 2, size: 1073741824, vendor: 'LIO-ORG', serial: 'abc' }]);
    expect(parseExports('<nfs-exports><Export><Target>s</Target><Path>/a&amp;b</Path></Export></nfs-exports>')).toEqual([{ path: '/a&b' }]);
    expect(parseSrList('<SRlist><SR><UUID>\n u-1 \n</UUID><Size>5</Size></SR><SR><UUID>u-2</UUID></SR></SRlist>')).toEqual([{ uuid: 'u-1', size: 5 }, { uuid: 'u-2', size: null }]);
  });

  it('reads nothing from what is not such a document', () => {
    expect(parseTargets('not xml <TGT>')).toEqual([]);
    expect(parseLuns('')).toEqual([]);
    expect(parseSrList('<SRlist/>')).toEqual([]);
  });
});
