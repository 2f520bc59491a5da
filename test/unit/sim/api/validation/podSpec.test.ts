import { describe, test } from 'node:test';
import { validateCreate } from '../../../../../src/sim/api/validation';
import { expectError, expectErrors, nginxDeployment, nginxPod, set } from './fixtures';

const S = 'spec.template.spec';

describe('validation: pod spec enums and scalars', () => {
  test('restartPolicy is an enum', () => {
    const p = nginxPod();
    set(p, 'spec.restartPolicy', 'Sometimes');
    expectErrors(validateCreate(p), [
      { field: 'spec.restartPolicy', message: 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"' },
    ]);
  });

  test('dnsPolicy is an enum and None needs a dnsConfig', () => {
    const p = nginxPod();
    set(p, 'spec.dnsPolicy', 'Cluster');
    expectErrors(validateCreate(p), [
      {
        field: 'spec.dnsPolicy',
        message: 'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      },
    ]);
    set(p, 'spec.dnsPolicy', 'None');
    expectErrors(validateCreate(p), [{ field: 'spec.dnsConfig', message: 'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None' }]);
  });

  test('terminationGracePeriodSeconds is required after defaulting', () => {
    const p = nginxPod();
    set(p, 'spec.terminationGracePeriodSeconds', undefined);
    expectErrors(validateCreate(p), [{ field: 'spec.terminationGracePeriodSeconds', message: 'spec.terminationGracePeriodSeconds: Required value' }]);
  });

  test('activeDeadlineSeconds is at least 1', () => {
    const p = nginxPod();
    set(p, 'spec.activeDeadlineSeconds', 0);
    expectErrors(validateCreate(p), [
      { field: 'spec.activeDeadlineSeconds', message: 'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive' },
    ]);
  });

  test('hostname and subdomain are DNS labels', () => {
    const p = nginxPod();
    set(p, 'spec.hostname', 'web.1');
    set(p, 'spec.subdomain', 'Headless');
    expectErrors(validateCreate(p), [
      { field: 'spec.hostname', message: 'spec.hostname: Invalid value: "web.1": must not contain dots' },
      {
        field: 'spec.subdomain',
        message:
          "spec.subdomain: Invalid value: \"Headless\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      },
    ]);
  });

  test('nodeSelector holds valid labels', () => {
    const d = nginxDeployment();
    set(d, `${S}.nodeSelector`, { 'disk type': 'ssd' });
    expectErrors(validateCreate(d), [
      {
        field: `${S}.nodeSelector`,
        message: `${S}.nodeSelector: Invalid value: "disk type": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      },
    ]);
  });

  test('template labels are checked at the template path', () => {
    const d = nginxDeployment();
    set(d, 'spec.template.metadata.labels', { app: 'nginx', tier: 'front end' });
    expectErrors(validateCreate(d), [
      {
        field: 'spec.template.labels',
        message:
          "spec.template.labels: Invalid value: \"front end\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      },
    ]);
  });

  test('imagePullSecrets carry only a name', () => {
    const p = nginxPod();
    set(p, 'spec.imagePullSecrets', [{ name: 'regcred' }]);
    expectErrors(validateCreate(p), []);
  });
});

describe('validation: volumes', () => {
  test('a volumeMount must name a volume', () => {
    const p = nginxPod();
    set(p, 'spec.containers[0].volumeMounts', [{ name: 'data', mountPath: '/data' }]);
    expectErrors(validateCreate(p), [{ field: 'spec.containers[0].volumeMounts[0].name', message: 'spec.containers[0].volumeMounts[0].name: Not found: "data"' }]);
  });

  test('mountPath is required and unique', () => {
    const p = nginxPod();
    set(p, 'spec.volumes', [{ name: 'data', emptyDir: {} }]);
    set(p, 'spec.containers[0].volumeMounts', [
      { name: 'data', mountPath: '/data' },
      { name: 'data', mountPath: '/data' },
      { name: 'data', mountPath: '' },
    ]);
    expectErrors(validateCreate(p), [
      { field: 'spec.containers[0].volumeMounts[1].mountPath', message: 'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique' },
      { field: 'spec.containers[0].volumeMounts[2].mountPath', message: 'spec.containers[0].volumeMounts[2].mountPath: Required value' },
    ]);
  });

  test('volume names are unique DNS labels with exactly one source', () => {
    const p = nginxPod();
    set(p, 'spec.volumes', [
      { name: 'data', emptyDir: {} },
      { name: 'data', emptyDir: {} },
      { name: 'cache' },
      { name: 'both', emptyDir: {}, configMap: { name: 'cfg' } },
    ]);
    expectErrors(validateCreate(p), [
      { field: 'spec.volumes[1].name', message: 'spec.volumes[1].name: Duplicate value: "data"' },
      { field: 'spec.volumes[2]', message: 'spec.volumes[2]: Required value: must specify a volume type' },
      { field: 'spec.volumes[3].configMap', message: 'spec.volumes[3].configMap: Forbidden: may not specify more than 1 volume type' },
    ]);
  });

  test('sources check their own fields', () => {
    const p = nginxPod();
    set(p, 'spec.volumes', [
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 1000, items: [{ key: 'a', path: '../etc' }] } },
      { name: 'host', hostPath: { path: '/var/log', type: 'Folder' } },
      { name: 'claim', persistentVolumeClaim: {} },
    ]);
    expectErrors(validateCreate(p), [
      { field: 'spec.volumes[0].configMap.defaultMode', message: 'spec.volumes[0].configMap.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive' },
      { field: 'spec.volumes[0].configMap.items[0].path', message: 'spec.volumes[0].configMap.items[0].path: Invalid value: "../etc": must not contain \'..\'' },
      {
        field: 'spec.volumes[1].hostPath.type',
        message:
          'spec.volumes[1].hostPath.type: Unsupported value: "Folder": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
      },
      { field: 'spec.volumes[2].persistentVolumeClaim.claimName', message: 'spec.volumes[2].persistentVolumeClaim.claimName: Required value' },
    ]);
  });
});

describe('validation: scheduling fields', () => {
  test('Exists tolerations carry no value; effects are an enum', () => {
    const p = nginxPod();
    set(p, 'spec.tolerations', [
      { key: 'dedicated', operator: 'Exists', value: 'gpu' },
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoRun' },
      { operator: 'Equal', value: 'x' },
      { key: 'k', operator: 'Equal', effect: 'NoSchedule', tolerationSeconds: 30 },
    ]);
    expectErrors(validateCreate(p), [
      { field: 'spec.tolerations[0].operator', message: 'spec.tolerations[0].operator: Invalid value: "gpu": value must be empty when `operator` is \'Exists\'' },
      {
        field: 'spec.tolerations[1].effect',
        message: 'spec.tolerations[1].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      },
      {
        field: 'spec.tolerations[2].operator',
        message: 'spec.tolerations[2].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      },
      { field: 'spec.tolerations[3].effect', message: "spec.tolerations[3].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set" },
    ]);
  });

  test('node affinity needs terms and In needs values', () => {
    const p = nginxPod();
    set(p, 'spec.affinity', {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }],
      },
    });
    const base = 'spec.affinity.nodeAffinity';
    expectErrors(validateCreate(p), [
      {
        field: `${base}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values`,
        message: `${base}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
      },
      {
        field: `${base}.preferredDuringSchedulingIgnoredDuringExecution[0].weight`,
        message: `${base}.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100`,
      },
    ]);
  });

  test('pod anti-affinity terms need a topologyKey', () => {
    const p = nginxPod();
    set(p, 'spec.affinity', {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'nginx' } } }] },
    });
    const errs = validateCreate(p);
    expectError(errs, {
      field: 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey',
      message: 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
    });
  });

  test('topology spread constraints: maxSkew positive, whenUnsatisfiable an enum', () => {
    const p = nginxPod();
    set(p, 'spec.topologySpreadConstraints', [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Maybe' }]);
    expectErrors(validateCreate(p), [
      { field: 'spec.topologySpreadConstraints[0].maxSkew', message: 'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero' },
      {
        field: 'spec.topologySpreadConstraints[0].whenUnsatisfiable',
        message: 'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"',
      },
    ]);
  });
});

describe('validation: init containers', () => {
  const init = {
    name: 'init',
    image: 'busybox',
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'Always',
  };

  test('init containers share the name space with containers and may not probe', () => {
    const p = nginxPod();
    set(p, 'spec.initContainers', [{ ...init, name: 'nginx', readinessProbe: { exec: { command: ['true'] }, successThreshold: 1 } }]);
    expectErrors(validateCreate(p), [
      { field: 'spec.initContainers[0].name', message: 'spec.initContainers[0].name: Duplicate value: "nginx"' },
      {
        field: 'spec.initContainers[0].readinessProbe',
        message: 'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
      },
    ]);
  });

  test('a sidecar uses restartPolicy Always; regular containers may not set it', () => {
    const p = nginxPod();
    set(p, 'spec.initContainers', [{ ...init, restartPolicy: 'OnFailure' }]);
    set(p, 'spec.containers[0].restartPolicy', 'Always');
    expectErrors(validateCreate(p), [
      { field: 'spec.containers[0].restartPolicy', message: 'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers' },
      { field: 'spec.initContainers[0].restartPolicy', message: 'spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"' },
    ]);
  });
});
