/** What a host reports about its product: software_version, API version, edition, CPU model. */

export type ProductBrand = 'XCP-ng' | 'XenServer';

/** Whether hosts of this brand and version take updates from a CDN repository (XenServer 8.4 and later). */
export function usesCdnUpdates(brand: ProductBrand, productVersion?: string): boolean {
  if (brand !== 'XenServer') return false;
  const [major = 0, minor = 0] = (productVersion ?? '8.4.0').split('.').map(Number);
  return major > 8 || (major === 8 && minor >= 4);
}

/**
 * host.software_version as XCP-ng 8.3 / XenServer 8 report it; `productVersion` (e.g. `8.2.1`, a Citrix Hypervisor
 * 8.2 pool that still takes pool_update packages) replaces the brand's default version.
 */
export function softwareVersion(brand: ProductBrand, hostname: string, productVersion?: string): Record<string, string> {
  const sv = brandVersion(brand, hostname);
  if (!productVersion) return sv;
  const short = productVersion.split('.').slice(0, 2).join('.');
  return { ...sv, product_version: productVersion, product_version_text: short, product_version_text_short: short };
}

function brandVersion(brand: ProductBrand, hostname: string): Record<string, string> {
  const common = {
    hostname,
    platform_name: 'XCP',
    platform_version: '3.4.0',
    git_id: '0',
    is_preview_release: 'false',
    xen: '4.17.5-3',
    linux: '4.19.0+1',
    xencenter_min: '2.21',
    xencenter_max: '2.21',
    network_backend: 'openvswitch',
    db_schema: '5.780',
  };
  if (brand === 'XCP-ng') {
    return {
      ...common,
      product_version: '8.3.0',
      product_version_text: '8.3',
      product_version_text_short: '8.3',
      product_brand: 'XCP-ng',
      build_number: 'cloud',
      date: '2024-10-02',
      dbv: '2024.0925',
      xapi: '24.19',
      xapi_build: '24.19.2',
    };
  }
  return {
    ...common,
    product_version: '8.4.0',
    product_version_text: '8',
    product_version_text_short: '8',
    product_brand: 'XenServer',
    build_number: '1.0.0',
    date: '2024-11-18',
    dbv: '2024.1118',
    xapi: '24.39',
    xapi_build: '24.39.1',
  };
}

/** The host API version (XAPI 24.x reports 2.21). */
export const API_VERSION = { major: 2, minor: 21, vendor: 'XenSource' } as const;

export function edition(brand: ProductBrand): string {
  return brand === 'XCP-ng' ? 'xcp-ng' : 'xenserver-premium';
}

/** A physical CPU model hosts are built on. */
export interface CpuModel {
  vendor: string;
  modelname: string;
  family: number;
  model: number;
  stepping: string;
  speedMHz: number;
  flags: string;
  features: string;
}

const INTEL_FLAGS =
  'fpu de tsc msr pae mce cx8 apic sep mca cmov pat clflush acpi mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl nonstop_tsc cpuid pni pclmulqdq monitor est ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch fsgsbase bmi1 hle avx2 bmi2 erms rtm avx512f avx512dq rdseed adx avx512cd avx512bw avx512vl xsaveopt xsavec xgetbv1';
const AMD_FLAGS =
  'fpu de tsc msr pae mce cx8 apic sep mca cmov pat clflush mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm rep_good nopl nonstop_tsc cpuid extd_apicid pni pclmulqdq monitor ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm cmp_legacy extapic cr8_legacy abm sse4a misalignsse 3dnowprefetch bmi1 avx2 bmi2 rdseed adx clflushopt sha_ni xsaveopt xsavec xgetbv1';

export const CPU_MODELS: readonly CpuModel[] = [
  { vendor: 'GenuineIntel', modelname: 'Intel(R) Xeon(R) Gold 6230R CPU @ 2.10GHz', family: 6, model: 85, stepping: '7', speedMHz: 2095, flags: INTEL_FLAGS, features: '1fbee3ff-bfebfbff-00000121-2c100800' },
  { vendor: 'GenuineIntel', modelname: 'Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz', family: 6, model: 106, stepping: '6', speedMHz: 2394, flags: INTEL_FLAGS, features: '7ffefbff-bfebfbff-00000121-2c100800' },
  { vendor: 'AuthenticAMD', modelname: 'AMD EPYC 7313 16-Core Processor', family: 25, model: 1, stepping: '1', speedMHz: 2999, flags: AMD_FLAGS, features: '76f8320b-178bfbff-75c237ff-2fd3fbff' },
];
