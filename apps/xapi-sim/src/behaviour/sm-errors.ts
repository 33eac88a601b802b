/**
 * Storage backend failures as xapi reports them: `SR_BACKEND_FAILURE_<n>` with the parameters
 * `["", <the SM driver's description>, <details>]` — the details are an XML document for the discovery errors
 * (96: the targets, 107: the LUNs, 101: the NFS exports), as SM's XE_SR_ERRORCODES.xml numbers them.
 */
import { XapiError } from '../model/xapi-error.js';

/** The SM error codes the simulated drivers raise, with SM's own descriptions. */
export const SM_ERRORS = {
  srInUse: [16, 'The SR device is currently in use'],
  invalidSecret: [20, 'No such secret.'],
  srUnavailable: [47, 'The SR is not available'],
  iscsiLogin: [68, 'ISCSI login failed - check access settings for the initiator on the storage, if CHAP is used verify CHAP credentials'],
  nfsVersion: [72, 'Required NFS server version unsupported'],
  nfsMount: [73, 'NFS mount error'],
  deviceMissing: [90, 'The request is missing the device parameter'],
  deviceInvalid: [91, 'The device is not a valid path'],
  targetMissing: [95, 'The request is missing the target parameter'],
  targetIqnMissing: [96, 'The request is missing or has an incorrect target IQN parameter'],
  serverPathMissing: [101, 'The request is missing the serverpath parameter'],
  serverMissing: [102, 'The request is missing the server parameter'],
  serverPathBad: [103, 'The serverpath argument is not valid'],
  rootDevice: [105, 'Root system device, cannot be used for VM storage'],
  scsiIdMissing: [107, 'The SCSIid parameter is missing or incorrect'],
  nfsTarget: [108, 'Unable to detect an NFS service on this target.'],
  smbMount: [111, 'SMB mount error'],
  paramsMissing: [115, 'Not all required parameters specified.'],
  iscsiTarget: [141, 'Unable to connect to ISCSI service on target'],
  iscsiPort: [142, 'Incorrect value for iSCSI port, must be a number between 1 and 65535'],
  isoLocationMissing: [220, "'Location' parameter must be specified in Device Configuration"],
  isoMount: [222, 'Could not mount the directory specified in Device Configuration'],
  isoLocationFormat: [225, 'Incorrect Location string format. String must be in the format SERVER:PATH for NFS targets, or \\\\SERVER\\PATH for CIFS targets'],
} as const satisfies Record<string, readonly [number, string]>;

export type SmErrorName = keyof typeof SM_ERRORS;

/** The XapiError a driver's failure becomes: SR_BACKEND_FAILURE_<n> ["", description, details]. */
export function smError(name: SmErrorName, details = ''): XapiError {
  const [code, description] = SM_ERRORS[name];
  return new XapiError(`SR_BACKEND_FAILURE_${code}`, ['', description, details]);
}

/** Throws smError(name, details). */
export function smFail(name: SmErrorName, details = ''): never {
  throw smError(name, details);
}
