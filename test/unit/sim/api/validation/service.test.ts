import { describe, test } from 'node:test';
import { validateCreate, validateUpdate } from '../../../../../src/sim/api/validation';
import { expectError, expectErrors, nginxService, set, stored } from './fixtures';

function allocated(): ReturnType<typeof nginxService> {
  const s = nginxService();
  set(s, 'spec.clusterIP', '10.96.12.34');
  set(s, 'spec.clusterIPs', ['10.96.12.34']);
  set(s, 'spec.ipFamilies', ['IPv4']);
  set(s, 'spec.ipFamilyPolicy', 'SingleStack');
  return s;
}

describe('validation: Service', () => {
  test('an allocated ClusterIP Service is valid', () => {
    expectErrors(validateCreate(allocated()), []);
  });

  test('ports are required unless headless or ExternalName', () => {
    const s = nginxService();
    set(s, 'spec.ports', []);
    expectErrors(validateCreate(s), [{ field: 'spec.ports', message: 'spec.ports: Required value' }]);
    set(s, 'spec.clusterIP', 'None');
    set(s, 'spec.clusterIPs', ['None']);
    expectErrors(validateCreate(s), []);
  });

  test('with more than one port each needs a unique name', () => {
    const s = nginxService();
    set(s, 'spec.ports', [
      { name: 'http', port: 80, targetPort: 80, protocol: 'TCP' },
      { port: 443, targetPort: 443, protocol: 'TCP' },
      { name: 'http', port: 8080, targetPort: 'web', protocol: 'TCP' },
    ]);
    expectErrors(validateCreate(s), [
      { field: 'spec.ports[1].name', message: 'spec.ports[1].name: Required value' },
      { field: 'spec.ports[2].name', message: 'spec.ports[2].name: Duplicate value: "http"' },
    ]);
  });

  test('port, protocol and targetPort', () => {
    const s = nginxService();
    set(s, 'spec.ports', [{ port: 0, targetPort: 'http_web', protocol: 'ICMP' }]);
    expectErrors(validateCreate(s), [
      { field: 'spec.ports[0].port', message: 'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive' },
      { field: 'spec.ports[0].protocol', message: 'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"' },
      {
        field: 'spec.ports[0].targetPort',
        message: 'spec.ports[0].targetPort: Invalid value: "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      },
    ]);
  });

  test('type is an enum', () => {
    const s = nginxService();
    set(s, 'spec.type', 'Foo');
    expectErrors(validateCreate(s), [
      { field: 'spec.type', message: 'spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"' },
    ]);
  });

  test('sessionAffinity is an enum; ClientIP needs its config', () => {
    const s = nginxService();
    set(s, 'spec.sessionAffinity', 'Cookie');
    expectErrors(validateCreate(s), [
      { field: 'spec.sessionAffinity', message: 'spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"' },
    ]);
    set(s, 'spec.sessionAffinity', 'ClientIP');
    expectErrors(validateCreate(s), [
      { field: 'spec.sessionAffinityConfig', message: 'spec.sessionAffinityConfig: Required value: when session affinity type is ClientIP' },
    ]);
  });

  test('selector labels are validated', () => {
    const s = nginxService();
    set(s, 'spec.selector', { app: 'nginx server' });
    expectError(validateCreate(s), {
      field: 'spec.selector',
      message:
        "spec.selector: Invalid value: \"nginx server\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    });
  });

  test('a ClusterIP Service may not set a nodePort', () => {
    const s = nginxService();
    set(s, 'spec.ports[0].nodePort', 30080);
    expectErrors(validateCreate(s), [{ field: 'spec.ports[0].nodePort', message: "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'" }]);
  });

  test('node ports come from 30000-32767', () => {
    const s = nginxService();
    set(s, 'spec.type', 'NodePort');
    set(s, 'spec.externalTrafficPolicy', 'Cluster');
    set(s, 'spec.ports[0].nodePort', 80);
    expectErrors(validateCreate(s), [
      {
        field: 'spec.ports[0].nodePort',
        message: 'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
      },
    ]);
  });

  test('externally accessible Services need an externalTrafficPolicy', () => {
    const s = nginxService();
    set(s, 'spec.type', 'NodePort');
    expectErrors(validateCreate(s), [{ field: 'spec.externalTrafficPolicy', message: 'spec.externalTrafficPolicy: Required value' }]);
  });

  test('LoadBalancer needs allocateLoadBalancerNodePorts, reported without the spec prefix', () => {
    const s = nginxService();
    set(s, 'spec.type', 'LoadBalancer');
    set(s, 'spec.externalTrafficPolicy', 'Cluster');
    expectErrors(validateCreate(s), [{ field: 'allocateLoadBalancerNodePorts', message: 'allocateLoadBalancerNodePorts: Required value' }]);
  });

  test('ExternalName Services need a DNS name and no cluster IPs', () => {
    const s = nginxService();
    set(s, 'spec.type', 'ExternalName');
    set(s, 'spec.internalTrafficPolicy', undefined);
    set(s, 'spec.externalName', 'db.example.com.');
    expectErrors(validateCreate(s), []);
    set(s, 'spec.externalName', undefined);
    expectErrors(validateCreate(s), [{ field: 'spec.externalName', message: 'spec.externalName: Required value' }]);
  });

  test('clusterIPs must start with clusterIP and be valid', () => {
    const s = allocated();
    set(s, 'spec.clusterIPs', ['10.96.0.99']);
    expectErrors(validateCreate(s), [
      { field: 'spec.clusterIPs', message: 'spec.clusterIPs: Invalid value: []string{"10.96.0.99"}: first value must match `clusterIP`' },
    ]);
    set(s, 'spec.clusterIP', '10.96.300.1');
    set(s, 'spec.clusterIPs', ['10.96.300.1']);
    expectErrors(validateCreate(s), [
      { field: 'spec.clusterIPs[0]', message: 'spec.clusterIPs[0]: Invalid value: "10.96.300.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' },
    ]);
  });

  test('clusterIP may not change once set', () => {
    const old = stored(allocated());
    const s = structuredClone(old);
    set(s, 'spec.clusterIP', '10.96.0.20');
    set(s, 'spec.clusterIPs', ['10.96.0.20']);
    expectErrors(validateUpdate(s, old), [
      { field: 'spec.clusterIPs[0]', message: 'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.20"}: may not change once set' },
    ]);
  });

  test('duplicate port and protocol pairs', () => {
    const s = nginxService();
    set(s, 'spec.ports', [
      { name: 'a', port: 80, targetPort: 80, protocol: 'TCP' },
      { name: 'b', port: 80, targetPort: 8080, protocol: 'TCP' },
    ]);
    expectErrors(validateCreate(s), [
      {
        field: 'spec.ports[1]',
        message:
          'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      },
    ]);
  });
});
