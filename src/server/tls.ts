/**
 * A self-signed certificate for the loopback endpoint, made fresh at each start. kubectl
 * (client-go's clientcmd) sends a bearer token only over TLS, so the endpoint speaks HTTPS
 * with this certificate and the kubeconfig trusts exactly it (certificate-authority-data).
 * Node can sign but not build certificates, so the DER is assembled here: an ECDSA P-256
 * key, CN kube-walkthrough, SANs localhost, 127.0.0.1 and ::1, valid for 30 days.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';

export interface ServingCert {
  /** PEM of the certificate (also the kubeconfig's certificate-authority-data). */
  cert: string;
  /** PEM of the private key (PKCS#8). */
  key: string;
}

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...c: Buffer[]): Buffer => tlv(0x30, ...c);

function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [40 * (arcs[0] ?? 0) + (arcs[1] ?? 0)];
  for (const arc of arcs.slice(2)) {
    const b: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) b.unshift(0x80 | (v & 0x7f));
    out.push(...b);
  }
  return tlv(0x06, Buffer.from(out));
}

function utcTime(ms: number): Buffer {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  const text = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [Buffer.from([0x01, 0x01, 0xff])] : []), tlv(0x04, value));
}

const ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const DAY_MS = 86_400_000;

export function makeServingCert(commonName = 'kube-walkthrough', nowMs = Date.now()): ServingCert {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f;
  const name = seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
  const san = seq(
    tlv(0x82, Buffer.from('localhost', 'ascii')),
    tlv(0x87, Buffer.from([127, 0, 0, 1])),
    tlv(0x87, Buffer.from([...new Array<number>(15).fill(0), 1])),
  );
  const extensions = tlv(
    0xa3,
    seq(
      extension('2.5.29.19', true, seq(Buffer.from([0x01, 0x01, 0xff]))),
      // digitalSignature and keyCertSign
      extension('2.5.29.15', true, tlv(0x03, Buffer.from([0x02, 0x84]))),
      extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
      extension('2.5.29.14', false, tlv(0x04, createHash('sha1').update(spki).digest())),
      extension('2.5.29.17', false, san),
    ),
  );
  const algorithm = seq(oid(ECDSA_SHA256));
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    algorithm,
    name,
    seq(utcTime(nowMs - 60_000), utcTime(nowMs + 30 * DAY_MS)),
    name,
    spki,
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, algorithm, tlv(0x03, Buffer.from([0]), signature));
  const cert = new X509Certificate(der).toString();
  return { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
