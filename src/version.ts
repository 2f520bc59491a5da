/** The product version and the Kubernetes version the simulation follows. */
export const VERSION = '0.1.0';
export const KUBERNETES_VERSION = { major: '1', minor: '33', gitVersion: 'v1.33.4' } as const;
