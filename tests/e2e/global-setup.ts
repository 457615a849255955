/** End-to-end tests run against the production build: build once per run. */
import { buildApp } from '../helpers/app-server';

export default function setup() {
  buildApp();
}
