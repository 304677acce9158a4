import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { Grants } from './grants.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({ imports: [AreasModule], controllers: [UsersController], providers: [UsersRepository, Grants, UsersService] })
export class UsersModule {}
