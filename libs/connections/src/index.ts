export { ConnectionsModule } from './connections.module.js';
export { ConnectionsService, DECLINE_COOLDOWN_DAYS } from './connections.service.js';
export { ChatService } from './chat.service.js';
export { SendMessageDto } from './connections.dto.js';
export type { ChatMessage } from './chat.service.js';
export type { ConnectionRow, ConnectionSide, ConnectionStatus } from './connection.types.js';
export { ConnectionMessages1732204000000 } from './migrations/1732204000000-connection-messages.js';
export { publicShape } from './connections.service.js';
// Connections' part of a tenant definition, run at boot by the platform.
export { connectionDefinitionProblems, CONNECTION_TEMPLATES } from './definition-check.js';
// Used by other libraries (added when deep imports were routed through this index).
export { Connections1732200006000 } from './migrations/1732200006000-connections.js';
export { ConnectionListing1732209500100 } from './migrations/1732209500100-connection-listing.js';
export { ConnectionsForeignKeyIndexes1732310000030 } from './migrations/1732310000030-foreign-key-indexes.js';
