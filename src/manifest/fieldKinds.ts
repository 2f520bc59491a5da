/**
 * What type of value a Kubernetes field takes, for the fields where a YAML pitfall bites.
 * Not a schema: a short list of well-known fields of the core and apps kinds. Anything not
 * listed is 'unknown', and lints stay cautious there.
 */

export type FieldKind = 'string' | 'bool' | 'int' | 'int-or-string' | 'quantity' | 'mode' | 'unknown';

/** Maps whose values must all be strings (map[string]string in the API types). */
const STRING_MAPS = new Set(['labels', 'annotations', 'matchLabels', 'nodeSelector']);
/** Maps whose keys are data, not field names (so the schema path stops at the map). */
const FREE_FORM_MAPS = new Set([...STRING_MAPS, 'limits', 'requests', 'capacity', 'allocatable', 'hard', 'used']);
const QUANTITY_MAPS = new Set(['limits', 'requests', 'capacity', 'allocatable', 'hard', 'used', 'overhead']);

const STRING_FIELDS = new Set([
  'apiVersion', 'kind', 'name', 'namespace', 'generateName', 'image', 'imagePullPolicy', 'restartPolicy',
  'serviceAccountName', 'serviceAccount', 'schedulerName', 'priorityClassName', 'hostname', 'subdomain',
  'nodeName', 'mountPath', 'subPath', 'claimName', 'secretName', 'storageClassName', 'clusterIP',
  'externalName', 'type', 'protocol', 'key', 'operator', 'effect', 'path', 'workingDir', 'runtimeClassName',
  'ingressClassName', 'host', 'pathType', 'dnsPolicy', 'preemptionPolicy', 'terminationMessagePath',
  'terminationMessagePolicy', 'mountPropagation', 'medium', 'fieldPath', 'resource', 'topologyKey',
  'whenUnsatisfiable', 'concurrencyPolicy', 'schedule', 'timeZone', 'podManagementPolicy', 'serviceName',
  'externalTrafficPolicy', 'internalTrafficPolicy', 'sessionAffinity', 'loadBalancerIP', 'appProtocol',
]);
/** Sequences whose items are strings. */
const STRING_LISTS = new Set([
  'command', 'args', 'values', 'finalizers', 'accessModes', 'add', 'drop', 'hosts', 'nameservers',
  'searches', 'externalIPs', 'clusterIPs', 'ipFamilies', 'loadBalancerSourceRanges', 'imagePullSecrets',
]);
const BOOL_FIELDS = new Set([
  'hostNetwork', 'hostPID', 'hostIPC', 'hostUsers', 'privileged', 'readOnly', 'readOnlyRootFilesystem',
  'runAsNonRoot', 'allowPrivilegeEscalation', 'stdin', 'stdinOnce', 'tty', 'automountServiceAccountToken',
  'paused', 'suspend', 'optional', 'immutable', 'shareProcessNamespace', 'setHostnameAsFQDN',
  'enableServiceLinks', 'publishNotReadyAddresses', 'allocateLoadBalancerNodePorts', 'unschedulable',
  'manualSelector',
]);
const INT_FIELDS = new Set([
  'replicas', 'containerPort', 'hostPort', 'nodePort', 'revisionHistoryLimit', 'minReadySeconds',
  'progressDeadlineSeconds', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds',
  'initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold',
  'backoffLimit', 'completions', 'parallelism', 'ttlSecondsAfterFinished', 'runAsUser', 'runAsGroup',
  'fsGroup', 'weight', 'priority', 'startingDeadlineSeconds', 'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit', 'expirationSeconds', 'number', 'maxSkew', 'minReplicas', 'maxReplicas',
]);
const INT_OR_STRING_FIELDS = new Set(['targetPort', 'maxSurge', 'maxUnavailable', 'minAvailable']);
const MODE_FIELDS = new Set(['defaultMode', 'mode']);

/** True when the keys under this field are data (label keys, resource names), not fields. */
export function isFreeFormMap(schema: readonly string[], kind: string | undefined): boolean {
  const last = schema[schema.length - 1];
  if (last === undefined) return false;
  if (FREE_FORM_MAPS.has(last)) return true;
  return isKindStringMap(schema, kind);
}

function isKindStringMap(schema: readonly string[], kind: string | undefined): boolean {
  const path = schema.join('.');
  if ((kind === 'ConfigMap' || kind === 'Secret') && (path === 'data' || path === 'stringData' || path === 'binaryData')) return true;
  return (kind === 'Service' || kind === 'ReplicationController') && path === 'spec.selector';
}

/**
 * The kind of value at a field. `schema` is the path to the field without sequence indexes,
 * ending at the field (or at the free-form map holding the value, with `inMap` set);
 * `inList` is set for an item of a sequence field.
 */
export function fieldKind(schema: readonly string[], kind: string | undefined, inMap: boolean, inList: boolean): FieldKind {
  const last = schema[schema.length - 1];
  if (last === undefined) return 'unknown';
  if (inMap) {
    if (STRING_MAPS.has(last) || isKindStringMap(schema, kind)) return 'string';
    return QUANTITY_MAPS.has(last) ? 'quantity' : 'unknown';
  }
  if (inList) return STRING_LISTS.has(last) ? 'string' : 'unknown';
  const parent = schema[schema.length - 2];
  if (last === 'value') return parent === 'env' || parent === 'tolerations' ? 'string' : 'unknown';
  if (last === 'port') return parent === 'httpGet' || parent === 'tcpSocket' ? 'int-or-string' : 'int';
  if (STRING_FIELDS.has(last)) return 'string';
  if (BOOL_FIELDS.has(last)) return 'bool';
  if (INT_FIELDS.has(last)) return 'int';
  if (INT_OR_STRING_FIELDS.has(last)) return 'int-or-string';
  if (MODE_FIELDS.has(last)) return 'mode';
  return 'unknown';
}
