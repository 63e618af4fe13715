import { Module, type OnModuleInit } from '@nestjs/common';
import { PersonDataRegistry } from '../../privacy/src/index.js';
import { ConsentController } from './consent.controller.js';
import { ConsentReach } from './consent-reach.js';
import { ConsentService } from './consent.service.js';
import { ConsentWithdrawalListeners } from './consent-withdrawal.listeners.js';

/** The consent ledger and current consent state, with the person's own API to grant and withdraw. */
@Module({
  controllers: [ConsentController],
  providers: [ConsentService, ConsentWithdrawalListeners, ConsentReach],
  exports: [ConsentService, ConsentWithdrawalListeners],
})
export class ConsentModule implements OnModuleInit {
  constructor(
    private readonly people: PersonDataRegistry,
    private readonly consents: ConsentService,
  ) {}

  onModuleInit(): void {
    // A person's consent choices are about an identified person: erased and anonymised alike.
    this.people.register({
      name: 'consent',
      erase: (tx, personId) => this.consents.eraseMany(tx, [personId]),
      eraseMany: (tx, personIds) => this.consents.eraseMany(tx, personIds),
      anonymise: (tx, personId) => this.consents.eraseMany(tx, [personId]),
      anonymiseMany: (tx, personIds) => this.consents.eraseMany(tx, personIds),
      export: (tx, personId) => this.consents.export(tx, personId),
    });
  }
}
