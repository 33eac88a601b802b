import { describe, expect, it } from 'vitest';
import { describeXapiFailure, hasXapiSentence } from './error-sentences.js';

describe('storage and network sentences', () => {
  it('gives the storage drivers\' failures a sentence, never their XML details', () => {
    const xml = '<?xml version="1.0" ?>\n<iscsi-target-iqns><TGT/></iscsi-target-iqns>';
    const described = describeXapiFailure('SR_BACKEND_FAILURE_96', ['', 'The request is missing or has an incorrect target IQN parameter', xml]);
    expect(described).toMatchObject({ code: 'SR_BACKEND_FAILURE_96', message: 'Choose an iSCSI target (IQN) on that portal: scan it to list them.' });
    expect(described.message).not.toContain('<');
    expect(describeXapiFailure('SR_BACKEND_FAILURE_999', ['', 'Something odd', '<x/>']).message).toBe('The storage reported a failure: Something odd. Check the storage and try again.');
    expect(describeXapiFailure('SR_BACKEND_FAILURE_998', ['', '<odd/>', '']).message).toBe('The storage reported a failure. Check the storage and try again.');
    expect(hasXapiSentence('SR_BACKEND_FAILURE_47')).toBe(true);
    expect(hasXapiSentence('SR_BACKEND_FAILURE_X')).toBe(false);
  });

  it('names the value a network error is about', () => {
    expect(describeXapiFailure('VLAN_TAG_INVALID', ['5000']).message).toBe('The VLAN tag 5000 is not valid: it must be from 0 to 4094.');
    expect(describeXapiFailure('INVALID_IP_ADDRESS_SPECIFIED', ['netmask']).message).toBe('The netmask given is not a valid IP address.');
    expect(describeXapiFailure('PIF_BOND_NEEDS_MORE_MEMBERS').message).toBe('A bond needs at least two NICs.');
  });
});
