/**
 * Errors the HTTP layer of kube-apiserver answers before any handler runs: a method the
 * route does not serve gets go-restful's 405, which kube-apiserver's service error
 * handler turns into a Status (apierrors.NewGenericServerResponse).
 */
import { StatusError } from '../api/errors';

export function newMethodNotAllowed(): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server does not allow this method on the requested resource',
    reason: 'MethodNotAllowed',
    details: {},
    code: 405,
  });
}
