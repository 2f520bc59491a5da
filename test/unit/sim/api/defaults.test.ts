import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyDefaults,
  defaultServiceIPFamilies,
  imageTag,
  initialStatus,
  prepareNamespaceForCreate,
} from '../../../../src/sim/api/defaults';
import type { KubeObject } from '../../../../src/sim/api/types';

const container = { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] };
/** A container as `kubectl get -o yaml` shows it after a 1.33 apiserver stored it. */
const defaultedContainer = {
  name: 'nginx',
  image: 'nginx:1.25',
  ports: [{ containerPort: 80, protocol: 'TCP' }],
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  resources: {},
};
const defaultedPodSpec = {
  containers: [defaultedContainer],
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
  schedulerName: 'default-scheduler',
};

const make = (apiVersion: string, kind: string, rest: Record<string, unknown>): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'web', namespace: 'default' },
  ...structuredClone(rest),
});

describe('applyDefaults', () => {
  test('Deployment: the nginx example as the apiserver stores it', () => {
    const d = make('apps/v1', 'Deployment', {
      spec: {
        selector: { matchLabels: { app: 'nginx' } },
        template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [container] } },
      },
    });
    applyDefaults(d);
    assert.deepEqual(d.spec, {
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' }, creationTimestamp: null }, spec: defaultedPodSpec },
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    const again = structuredClone(d);
    applyDefaults(again);
    assert.deepEqual(again, d, 'defaulting is idempotent');
  });

  test('Deployment keeps what was given; Recreate gets no rollingUpdate', () => {
    const d = make('apps/v1', 'Deployment', { spec: { replicas: 0, strategy: { type: 'Recreate' }, template: { spec: { containers: [] } } } });
    applyDefaults(d);
    const spec = d.spec as Record<string, unknown>;
    assert.equal(spec.replicas, 0);
    assert.deepEqual(spec.strategy, { type: 'Recreate' });
  });

  test('Pod: enableServiceLinks, requests from limits, probes, env, volumes, image pull policy', () => {
    const p = make('v1', 'Pod', {
      spec: {
        containers: [
          {
            name: 'app',
            image: 'nginx',
            resources: { limits: { cpu: '0.5', memory: '128Mi' } },
            livenessProbe: { httpGet: { port: 80 } },
            readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
            env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
          },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'c' } }, { name: 's', secret: { secretName: 's' } }, { name: 'tmp' }],
      },
    });
    applyDefaults(p);
    const spec = p.spec as { containers: Record<string, unknown>[]; volumes: unknown[]; enableServiceLinks: boolean };
    const c = spec.containers[0] as Record<string, unknown>;
    assert.equal(spec.enableServiceLinks, true);
    assert.equal(c.imagePullPolicy, 'Always');
    assert.deepEqual(c.resources, { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } });
    assert.deepEqual(c.livenessProbe, {
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    assert.equal((c.readinessProbe as { periodSeconds: number }).periodSeconds, 5);
    assert.deepEqual(c.env, [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } }]);
    assert.deepEqual(spec.volumes, [
      { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } },
      { name: 's', secret: { secretName: 's', defaultMode: 420 } },
      { name: 'tmp', emptyDir: {} },
    ]);
  });

  test('image tags decide the pull policy', () => {
    assert.equal(imageTag('nginx'), 'latest');
    assert.equal(imageTag('nginx:latest'), 'latest');
    assert.equal(imageTag('nginx:1.25'), '1.25');
    assert.equal(imageTag('localhost:5000/app'), 'latest');
    assert.equal(imageTag('localhost:5000/app:v2'), 'v2');
    assert.equal(imageTag('nginx@sha256:abc'), '');
  });

  test('ReplicaSet, StatefulSet, DaemonSet', () => {
    const rs = make('apps/v1', 'ReplicaSet', { spec: { template: { spec: { containers: [] } } } });
    applyDefaults(rs);
    assert.equal((rs.spec as { replicas: number }).replicas, 1);

    const sts = make('apps/v1', 'StatefulSet', {
      spec: {
        serviceName: 'web',
        template: { spec: { containers: [] } },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } }],
      },
    });
    applyDefaults(sts);
    const s = sts.spec as Record<string, unknown>;
    assert.equal(s.podManagementPolicy, 'OrderedReady');
    assert.deepEqual(s.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    assert.deepEqual(s.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
    assert.equal(s.replicas, 1);
    assert.equal(s.revisionHistoryLimit, 10);
    assert.deepEqual(s.volumeClaimTemplates, [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'www', creationTimestamp: null },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ]);

    const ds = make('apps/v1', 'DaemonSet', { spec: { template: { spec: { containers: [] } } } });
    applyDefaults(ds);
    assert.deepEqual((ds.spec as Record<string, unknown>).updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    assert.equal((ds.spec as Record<string, unknown>).revisionHistoryLimit, 10);
  });

  test('Job and CronJob', () => {
    const job = make('batch/v1', 'Job', {
      spec: { template: { metadata: { labels: { app: 'pi' } }, spec: { containers: [], restartPolicy: 'Never' } } },
    });
    applyDefaults(job);
    const j = job.spec as Record<string, unknown>;
    assert.equal(j.completions, 1);
    assert.equal(j.parallelism, 1);
    assert.equal(j.backoffLimit, 6);
    assert.equal(j.completionMode, 'NonIndexed');
    assert.equal(j.suspend, false);
    assert.equal(j.podReplacementPolicy, 'TerminatingOrFailed');
    assert.deepEqual(job.metadata.labels, { app: 'pi' });
    const parallel = make('batch/v1', 'Job', { spec: { parallelism: 3, template: { spec: { containers: [] } } } });
    applyDefaults(parallel);
    assert.equal((parallel.spec as Record<string, unknown>).completions, undefined);
    const noPolicy = make('batch/v1', 'Job', { spec: { template: { spec: { containers: [] } } } });
    applyDefaults(noPolicy);
    assert.equal((noPolicy.spec as { template: { spec: { restartPolicy: string } } }).template.spec.restartPolicy, 'Always');

    const cj = make('batch/v1', 'CronJob', {
      spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { containers: [], restartPolicy: 'OnFailure' } } } } },
    });
    applyDefaults(cj);
    const c = cj.spec as Record<string, unknown>;
    assert.equal(c.concurrencyPolicy, 'Allow');
    assert.equal(c.suspend, false);
    assert.equal(c.successfulJobsHistoryLimit, 3);
    assert.equal(c.failedJobsHistoryLimit, 1);
    const jt = c.jobTemplate as { metadata: unknown; spec: Record<string, unknown> };
    assert.deepEqual(jt.metadata, { creationTimestamp: null });
    assert.equal(jt.spec.backoffLimit, undefined, 'Job defaults belong to Jobs, not to jobTemplates');
    assert.equal((jt.spec.template as { spec: { dnsPolicy: string } }).spec.dnsPolicy, 'ClusterFirst');
  });

  test('Service', () => {
    const svc = make('v1', 'Service', { spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443, targetPort: 'https' }] } });
    applyDefaults(svc);
    assert.deepEqual(svc.spec, {
      selector: { app: 'web' },
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80 },
        { port: 443, targetPort: 'https', protocol: 'TCP' },
      ],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
    });
    const np = make('v1', 'Service', { spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } });
    applyDefaults(np);
    const s = np.spec as Record<string, unknown>;
    assert.equal(s.externalTrafficPolicy, 'Cluster');
    assert.equal(s.allocateLoadBalancerNodePorts, true);
    defaultServiceIPFamilies(svc);
    assert.equal((svc.spec as Record<string, unknown>).ipFamilyPolicy, 'SingleStack');
    assert.deepEqual((svc.spec as Record<string, unknown>).ipFamilies, ['IPv4']);
    const headless = make('v1', 'Service', { spec: { clusterIP: 'None' } });
    defaultServiceIPFamilies(headless);
    assert.equal((headless.spec as Record<string, unknown>).ipFamilyPolicy, 'RequireDualStack');
    const ext = make('v1', 'Service', { spec: { type: 'ExternalName', externalName: 'example.com' } });
    defaultServiceIPFamilies(ext);
    assert.equal((ext.spec as Record<string, unknown>).ipFamilies, undefined);
  });

  test('Namespace, Secret, PVC, PV, PriorityClass, EndpointSlice, RoleBinding', () => {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } };
    applyDefaults(ns);
    assert.deepEqual(ns.metadata.labels, { 'kubernetes.io/metadata.name': 'team-a' });
    assert.deepEqual(ns.status, { phase: 'Active' });
    assert.equal(ns.spec, undefined, 'the kubernetes finalizer is the create strategy, not a default');
    prepareNamespaceForCreate(ns);
    assert.deepEqual(ns.spec, { finalizers: ['kubernetes'] });

    const secret = make('v1', 'Secret', { data: {} });
    applyDefaults(secret);
    assert.equal(secret.type, 'Opaque');

    const pvc = make('v1', 'PersistentVolumeClaim', { spec: { resources: { requests: { storage: '1Gi' } } } });
    applyDefaults(pvc);
    assert.equal((pvc.spec as Record<string, unknown>).volumeMode, 'Filesystem');
    assert.deepEqual(pvc.status, { phase: 'Pending' });

    const pv: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { capacity: { storage: '10Gi' } } };
    applyDefaults(pv);
    assert.equal((pv.spec as Record<string, unknown>).persistentVolumeReclaimPolicy, 'Retain');

    const pc: KubeObject = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 };
    applyDefaults(pc);
    assert.equal(pc.preemptionPolicy, 'PreemptLowerPriority');

    const es = make('discovery.k8s.io/v1', 'EndpointSlice', { addressType: 'IPv4', ports: [{ port: 80 }] });
    applyDefaults(es);
    assert.deepEqual(es.ports, [{ port: 80, name: '', protocol: 'TCP' }]);

    const rb = make('rbac.authorization.k8s.io/v1', 'RoleBinding', {
      subjects: [{ kind: 'User', name: 'bob' }, { kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
    });
    applyDefaults(rb);
    assert.deepEqual(rb.subjects, [
      { kind: 'User', name: 'bob', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'default', namespace: 'default', apiGroup: '' },
    ]);
  });

  test('initial statuses show the fields Go always writes', () => {
    assert.deepEqual(initialStatus('Deployment'), {});
    assert.deepEqual(initialStatus('ReplicaSet'), { replicas: 0 });
    assert.deepEqual(initialStatus('StatefulSet'), { availableReplicas: 0, replicas: 0 });
    assert.deepEqual(initialStatus('Service'), { loadBalancer: {} });
    assert.equal(initialStatus('ConfigMap'), undefined);
  });
});
