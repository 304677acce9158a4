import { Global, Module } from '@nestjs/common';
import { OwnersRepository } from './owners.repository.js';
import { ScopeRepository } from './scope.repository.js';
import { ScopeService } from './scope.service.js';
import { SubmittingOwners } from './submitting-owner.js';

@Global()
@Module({
  providers: [ScopeRepository, ScopeService, OwnersRepository, SubmittingOwners],
  exports: [ScopeService, SubmittingOwners, OwnersRepository],
})
export class ScopeModule {}
