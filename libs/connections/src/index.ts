export { ConnectionsModule } from './connections.module.js';
export { ConnectionsService, DECLINE_COOLDOWN_DAYS } from './connections.service.js';
export { ChatService } from './chat.service.js';
export type { ChatMessage } from './chat.service.js';
export type { ConnectionRow, ConnectionSide, ConnectionStatus } from './connection.types.js';
export { ConnectionMessages1732204000000 } from './migrations/1732204000000-connection-messages.js';
export { publicShape } from './connections.service.js';
