import { Module, type OnModuleInit } from '@nestjs/common';
import { PersonDataRegistry } from '../../privacy/src/index.js';
import { ConsentModule } from '../../consent/src/index.js';
import { ProfilesModule } from '../../profiles/src/index.js';
import { ChatController } from './chat.controller.js';
import { ChatService } from './chat.service.js';
import { ConnectionAccess } from './connection-access.js';
import { ConnectionConsent } from './connection-consent.js';
import { ConnectionNotifier } from './connection-notifier.js';
import { ConnectionStore } from './connection.store.js';
import { connectionsPersonData } from './connections-person-data.js';
import { ConnectionsController } from './connections.controller.js';
import { ConnectionsService } from './connections.service.js';
import { TalentPool } from './talent-pool.js';

/** Connection requests and the chat that follows an accepted one (statement 000). */
@Module({
  imports: [ConsentModule, ProfilesModule],
  controllers: [ConnectionsController, ChatController],
  providers: [ConnectionStore, ConnectionAccess, ConnectionConsent, ConnectionNotifier, TalentPool, ConnectionsService, ChatService],
  exports: [ConnectionsService, ChatService],
})
export class ConnectionsModule implements OnModuleInit {
  constructor(private readonly registry: PersonDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(connectionsPersonData);
  }
}
