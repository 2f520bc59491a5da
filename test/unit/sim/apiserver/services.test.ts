/** The Service registry's allocation: clusterIPs from 10.96.0.0/12 and node ports from 30000-32767. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../../../src/sim/client';
import { apiHarness, failure, service, statusOf, type Obj } from './harness';

function ipInt(ip: string): number {
  return ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
}

describe('Service allocation', () => {
  test('a clusterIP from 10.96.0.0/12 outside the static band, clusterIPs and single-stack families set', () => {
    const { admin } = apiHarness();
    assert.equal(admin.get<Obj>(R.services, 'default', 'kubernetes').spec.clusterIP, '10.96.0.1');
    const s = admin.create<Obj>(R.services, 'default', service('web', {}));
    const ip = s.spec.clusterIP as string;
    assert.ok(ipInt(ip) > ipInt('10.96.1.0') && ipInt(ip) < ipInt('10.111.255.255'), ip);
    assert.deepEqual(s.spec.clusterIPs, [ip]);
    assert.deepEqual(s.spec.ipFamilies, ['IPv4']);
    assert.equal(s.spec.ipFamilyPolicy, 'SingleStack');
    assert.deepEqual(s.status, { loadBalancer: {} });
  });

  test('a requested clusterIP: taken, or outside the range, is a 422 on spec.clusterIPs', () => {
    const { admin } = apiHarness();
    assert.deepEqual(
      statusOf(() => admin.create(R.services, 'default', service('a', { clusterIP: '10.96.0.1' }))),
      failure(422, 'Invalid', 'Service "a" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated', {
        name: 'a',
        kind: 'Service',
        causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated', field: 'spec.clusterIPs' }],
      }),
    );
    assert.equal(
      statusOf(() => admin.create(R.services, 'default', service('b', { clusterIP: '192.168.0.10' }))).message,
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.0.10"}: failed to allocate IP 192.168.0.10: the provided IP (192.168.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    const dns = admin.create<Obj>(R.services, 'default', service('dns', { clusterIP: '10.96.0.10' }));
    assert.equal(dns.spec.clusterIP, '10.96.0.10');
  });

  test('a deleted Service gives its address back; a failed create keeps nothing', () => {
    const { admin } = apiHarness();
    admin.create(R.services, 'default', service('a', { clusterIP: '10.96.5.5' }));
    assert.equal(statusOf(() => admin.create(R.services, 'default', service('b', { clusterIP: '10.96.5.5' }))).code, 422);
    admin.delete(R.services, 'default', 'a');
    assert.equal(admin.create<Obj>(R.services, 'default', service('b', { clusterIP: '10.96.5.5' })).spec.clusterIP, '10.96.5.5');
    assert.equal(statusOf(() => admin.create(R.services, 'default', service('Bad_Name', { clusterIP: '10.96.6.6' }))).code, 422);
    assert.equal(admin.create<Obj>(R.services, 'default', service('c', { clusterIP: '10.96.6.6' })).spec.clusterIP, '10.96.6.6');
  });

  test('NodePort: a port from 30000-32767; a taken or out-of-range port is a 422 on spec.ports[i].nodePort', () => {
    const { admin } = apiHarness();
    const s = admin.create<Obj>(R.services, 'default', service('np', { type: 'NodePort' }));
    const port = s.spec.ports[0].nodePort as number;
    assert.ok(port >= 30000 && port <= 32767, String(port));
    assert.equal(s.spec.externalTrafficPolicy, 'Cluster');
    assert.equal(
      statusOf(() => admin.create(R.services, 'default', service('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: port }] }))).message,
      `Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: ${port}: provided port is already allocated`,
    );
    assert.equal(
      statusOf(() => admin.create(R.services, 'default', service('np3', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }))).message,
      'Service "np3" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  test('an update keeps the clusterIP and node ports; changing the clusterIP is refused', () => {
    const { admin } = apiHarness();
    const s = admin.create<Obj>(R.services, 'default', service('np', { type: 'NodePort' }));
    const upd = admin.update<Obj>(R.services, { ...s, spec: { ...s.spec, clusterIP: undefined, clusterIPs: undefined, ports: [{ port: 80 }] } });
    assert.equal(upd.spec.clusterIP, s.spec.clusterIP);
    assert.equal(upd.spec.ports[0].nodePort, s.spec.ports[0].nodePort);
    const st = statusOf(() => admin.update(R.services, { ...upd, spec: { ...upd.spec, clusterIP: '10.96.7.7', clusterIPs: ['10.96.7.7'] } }));
    assert.equal(st.code, 422);
    assert.match(st.message ?? '', /spec\.clusterIPs\[0\]: Invalid value: \[\]string\{"10\.96\.7\.7"\}: may not change once set/);
  });

  test('a headless Service gets no address; a dry run allocates nothing', () => {
    const { admin } = apiHarness();
    const h = admin.create<Obj>(R.services, 'default', service('h', { clusterIP: 'None' }));
    assert.equal(h.spec.clusterIP, 'None');
    assert.deepEqual(h.spec.clusterIPs, ['None']);
    const dry = admin.create<Obj>(R.services, 'default', service('d', { clusterIP: '10.96.9.9' }), { dryRun: true });
    assert.equal(dry.spec.clusterIP, '10.96.9.9');
    assert.equal(admin.tryGet(R.services, 'default', 'd'), undefined);
    assert.equal(admin.create<Obj>(R.services, 'default', service('e', { clusterIP: '10.96.9.9' })).spec.clusterIP, '10.96.9.9');
  });
});
