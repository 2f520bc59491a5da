/** Paths of repository files the server tests read. */
import { join } from 'node:path';

export const ROOT_EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'nginx.yaml');
