export { createExpressServer } from './express-server';
