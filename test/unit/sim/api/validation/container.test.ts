import { describe, test } from 'node:test';
import { validateCreate } from '../../../../../src/sim/api/validation';
import { expectError, expectErrors, nginxDeployment, nginxPod, set } from './fixtures';

const C = 'spec.template.spec.containers';

function container(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'sidecar',
    image: 'busybox:1.36',
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    ...extra,
  };
}

describe('validation: containers', () => {
  test('at least one container is required', () => {
    const d = nginxDeployment();
    set(d, `${C}`, []);
    expectErrors(validateCreate(d), [{ field: C, message: `${C}: Required value` }]);
  });

  test('container names are unique', () => {
    const d = nginxDeployment();
    set(d, `${C}[1]`, container({ name: 'nginx' }));
    expectErrors(validateCreate(d), [{ field: `${C}[1].name`, message: `${C}[1].name: Duplicate value: "nginx"` }]);
  });

  test('container names are DNS-1123 labels', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].name`, 'Web_Server');
    expectErrors(validateCreate(d), [
      {
        field: `${C}[0].name`,
        message: `${C}[0].name: Invalid value: "Web_Server": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      },
    ]);
  });

  test('a missing name is required', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].name`, undefined);
    expectErrors(validateCreate(d), [{ field: `${C}[0].name`, message: `${C}[0].name: Required value` }]);
  });

  test('image is required', () => {
    const p = nginxPod();
    set(p, 'spec.containers[0].image', undefined);
    expectErrors(validateCreate(p), [{ field: 'spec.containers[0].image', message: 'spec.containers[0].image: Required value' }]);
  });

  test('in a Pod the image may not carry surrounding spaces', () => {
    const p = nginxPod();
    set(p, 'spec.containers[0].image', ' nginx ');
    expectErrors(validateCreate(p), [
      { field: 'spec.containers[0].image', message: 'spec.containers[0].image: Invalid value: " nginx ": must not have leading or trailing whitespace' },
    ]);
  });

  test('imagePullPolicy is an enum', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].imagePullPolicy`, 'Sometimes');
    expectErrors(validateCreate(d), [
      {
        field: `${C}[0].imagePullPolicy`,
        message: `${C}[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"`,
      },
    ]);
  });

  test('terminationMessagePolicy is required after defaulting', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].terminationMessagePolicy`, undefined);
    expectErrors(validateCreate(d), [{ field: `${C}[0].terminationMessagePolicy`, message: `${C}[0].terminationMessagePolicy: Required value` }]);
  });
});

describe('validation: container ports', () => {
  test('ports are between 1 and 65535', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].ports[0].containerPort`, 70000);
    expectErrors(validateCreate(d), [
      { field: `${C}[0].ports[0].containerPort`, message: `${C}[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive` },
    ]);
  });

  test('containerPort is required', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].ports[0].containerPort`, undefined);
    expectErrors(validateCreate(d), [{ field: `${C}[0].ports[0].containerPort`, message: `${C}[0].ports[0].containerPort: Required value` }]);
  });

  test('port names are IANA service names and unique', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].ports`, [
      { name: 'http', containerPort: 80, protocol: 'TCP' },
      { name: 'http', containerPort: 81, protocol: 'TCP' },
      { name: 'Metrics--Port', containerPort: 9090, protocol: 'TCP' },
    ]);
    expectErrors(validateCreate(d), [
      { field: `${C}[0].ports[1].name`, message: `${C}[0].ports[1].name: Duplicate value: "http"` },
      {
        field: `${C}[0].ports[2].name`,
        message: `${C}[0].ports[2].name: Invalid value: "Metrics--Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
      },
      { field: `${C}[0].ports[2].name`, message: `${C}[0].ports[2].name: Invalid value: "Metrics--Port": must not contain consecutive hyphens` },
    ]);
  });

  test('protocol is TCP, UDP or SCTP', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].ports[0].protocol`, 'HTTP');
    expectErrors(validateCreate(d), [
      { field: `${C}[0].ports[0].protocol`, message: `${C}[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"` },
    ]);
  });

  test('host ports may not collide across containers', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].ports[0].hostPort`, 8080);
    set(d, `${C}[1]`, container({ ports: [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }] }));
    expectErrors(validateCreate(d), [{ field: `${C}[1].ports[0].hostPort`, message: `${C}[1].ports[0].hostPort: Duplicate value: "TCP//8080"` }]);
  });
});

describe('validation: container resources', () => {
  test('requests may not exceed limits', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].resources`, { requests: { cpu: '1' }, limits: { cpu: '500m' } });
    expectErrors(validateCreate(d), [
      { field: `${C}[0].resources.requests`, message: `${C}[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m` },
    ]);
  });

  test('quantities may not be negative', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].resources`, { requests: { memory: '-64Mi' } });
    expectErrors(validateCreate(d), [
      { field: `${C}[0].resources.requests[memory]`, message: `${C}[0].resources.requests[memory]: Invalid value: "-64Mi": must be greater than or equal to 0` },
    ]);
  });

  test('resource names must be standard or fully qualified', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].resources`, { limits: { cpus: '1' } });
    expectErrors(validateCreate(d), [
      { field: `${C}[0].resources.limits[cpus]`, message: `${C}[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified` },
    ]);
  });

  test('quota-only names are not container resources', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].resources`, { limits: { pods: '1' } });
    expectErrors(validateCreate(d), [
      { field: `${C}[0].resources.limits[pods]`, message: `${C}[0].resources.limits[pods]: Invalid value: "pods": must be a standard resource for containers` },
    ]);
  });

  test('extended resources need equal requests and limits', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].resources`, { requests: { 'example.com/gpu': '1' } });
    expectErrors(validateCreate(d), [
      { field: `${C}[0].resources.limits`, message: `${C}[0].resources.limits: Required value: Limit must be set for non overcommitable resources` },
    ]);
    set(d, `${C}[0].resources`, { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } });
    expectErrors(validateCreate(d), [
      { field: `${C}[0].resources.requests`, message: `${C}[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2` },
    ]);
  });
});

describe('validation: probes and lifecycle', () => {
  const httpProbe = { httpGet: { path: '/', port: 80, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

  test('a well-formed probe passes', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].livenessProbe`, httpProbe);
    set(d, `${C}[0].readinessProbe`, { ...httpProbe, successThreshold: 2 });
    expectErrors(validateCreate(d), []);
  });

  test('a probe needs exactly one handler', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].livenessProbe`, { ...httpProbe, httpGet: undefined });
    expectErrors(validateCreate(d), [{ field: `${C}[0].livenessProbe`, message: `${C}[0].livenessProbe: Required value: must specify a handler type` }]);
    set(d, `${C}[0].livenessProbe`, { ...httpProbe, tcpSocket: { port: 80 } });
    expectErrors(validateCreate(d), [
      { field: `${C}[0].livenessProbe.tcpSocket`, message: `${C}[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type` },
    ]);
  });

  test('liveness and startup probes need successThreshold 1', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].startupProbe`, { ...httpProbe, successThreshold: 3 });
    expectErrors(validateCreate(d), [
      { field: `${C}[0].startupProbe.successThreshold`, message: `${C}[0].startupProbe.successThreshold: Invalid value: 3: must be 1` },
    ]);
  });

  test('periods may not be negative and ports must be valid', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].readinessProbe`, { ...httpProbe, periodSeconds: -1, httpGet: { path: '/', port: 'web_port', scheme: 'HTTP' } });
    const errs = validateCreate(d);
    expectError(errs, {
      field: `${C}[0].readinessProbe.periodSeconds`,
      message: `${C}[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0`,
    });
    expectError(errs, {
      field: `${C}[0].readinessProbe.httpGet.port`,
      message: `${C}[0].readinessProbe.httpGet.port: Invalid value: "web_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
    });
  });

  test('an exec handler needs a command', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].lifecycle`, { preStop: { exec: { command: [] } } });
    expectErrors(validateCreate(d), [
      { field: `${C}[0].lifecycle.preStop.exec.command`, message: `${C}[0].lifecycle.preStop.exec.command: Required value` },
    ]);
  });
});

describe('validation: env', () => {
  test('env names may be any printable ASCII except =', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].env`, [{ name: 'my.var-1', value: 'x' }, { name: 'A=B', value: 'y' }, { name: '' }]);
    expectErrors(validateCreate(d), [
      {
        field: `${C}[0].env[1].name`,
        message: `${C}[0].env[1].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
      },
      { field: `${C}[0].env[2].name`, message: `${C}[0].env[2].name: Required value` },
    ]);
  });

  test('valueFrom needs exactly one source and no value', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].env`, [
      { name: 'A', valueFrom: {} },
      { name: 'B', value: 'x', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'C', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.restartPolicy' } } },
    ]);
    expectErrors(validateCreate(d), [
      {
        field: `${C}[0].env[0].valueFrom`,
        message: `${C}[0].env[0].valueFrom: Invalid value: "": must specify one of: \`fieldRef\`, \`resourceFieldRef\`, \`configMapKeyRef\` or \`secretKeyRef\``,
      },
      { field: `${C}[0].env[1].valueFrom`, message: `${C}[0].env[1].valueFrom: Invalid value: "": may not be specified when \`value\` is not empty` },
      {
        field: `${C}[0].env[2].valueFrom.fieldRef.fieldPath`,
        message: `${C}[0].env[2].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.restartPolicy": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"`,
      },
    ]);
  });

  test('configMapKeyRef keys are config keys', () => {
    const d = nginxDeployment();
    set(d, `${C}[0].env`, [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a/b' } } }]);
    expectErrors(validateCreate(d), [
      {
        field: `${C}[0].env[0].valueFrom.configMapKeyRef.key`,
        message: `${C}[0].env[0].valueFrom.configMapKeyRef.key: Invalid value: "a/b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      },
    ]);
  });
});
