/** The binary units the wizard's fields are in (memory in MiB, disks in GiB), as XAPI counts bytes. */
export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;
