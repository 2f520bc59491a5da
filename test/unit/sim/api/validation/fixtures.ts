/**
 * Realistic objects for the validation tests, already defaulted by hand the way
 * kube-apiserver would before validating: examples/nginx.yaml's Deployment and Service,
 * and a Pod, Job and CronJob built the same way.
 */
import assert from 'node:assert/strict';
import type { FieldError, KubeObject } from '../../../../../src/sim/api/types';

export type Obj = KubeObject & Record<string, unknown>;

/** A pod spec with every default SetDefaults_PodSpec and SetDefaults_Container fill in. */
export function podSpec(): Record<string, unknown> {
  return {
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.14.2',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        imagePullPolicy: 'IfNotPresent',
      },
    ],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    schedulerName: 'default-scheduler',
  };
}

/** examples/nginx.yaml's Deployment after defaulting. */
export function nginxDeployment(): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx-deployment', namespace: 'default', labels: { app: 'nginx' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: podSpec() },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  };
}

/** examples/nginx.yaml's Service after defaulting (before a cluster IP is allocated). */
export function nginxService(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'nginx-service', namespace: 'default', labels: { app: 'nginx' } },
    spec: {
      type: 'ClusterIP',
      selector: { app: 'nginx' },
      ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }],
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
    },
  };
}

export function nginxPod(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
    spec: podSpec(),
  };
}

export function piJob(): Obj {
  const spec = podSpec();
  spec.restartPolicy = 'Never';
  const uid = '6f2b1a4e-0c3d-4e5f-8a9b-0c1d2e3f4a5b';
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': 'pi',
    'controller-uid': uid,
    'job-name': 'pi',
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid },
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: { metadata: { labels }, spec },
    },
  };
}

export function helloCronJob(): Obj {
  const spec = podSpec();
  spec.restartPolicy = 'OnFailure';
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule: '*/5 * * * *',
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { backoffLimit: 6, completionMode: 'NonIndexed', template: { spec } } },
    },
  };
}

/** The stored copy of obj: what an update is compared against. */
export function stored(obj: Obj): Obj {
  const copy = structuredClone(obj);
  const meta = copy.metadata as Record<string, unknown>;
  meta.uid ??= '0b7c1a52-8d3e-4f61-9a2b-3c4d5e6f7a8b';
  meta.resourceVersion = '42';
  meta.creationTimestamp = '2026-01-01T00:00:00Z';
  return copy;
}

/** Sets a value at a dotted path with [n] indexes: 'spec.template.spec.containers[0].image'. */
export function set(obj: unknown, path: string, value: unknown): void {
  const parts = path.split(/\.|(?=\[)/).map((p) => (p.startsWith('[') ? Number(p.slice(1, -1)) : p));
  let cur = obj as Record<string | number, unknown>;
  for (const p of parts.slice(0, -1)) cur = cur[p] as Record<string | number, unknown>;
  const last = parts[parts.length - 1] as string | number;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

/** Asserts exactly these errors, in order, field by field. */
export function expectErrors(errs: FieldError[], want: { field: string; message: string }[]): void {
  assert.deepEqual(
    errs.map((e) => ({ field: e.field, message: e.message })),
    want,
  );
}

/** Asserts the error list contains this one (the others are checked elsewhere). */
export function expectError(errs: FieldError[], want: { field: string; message: string }): void {
  const found = errs.some((e) => e.field === want.field && e.message === want.message);
  assert.ok(found, `missing ${want.message}\nhave:\n${errs.map((e) => e.message).join('\n')}`);
}
