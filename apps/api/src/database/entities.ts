import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AreaType, JointWorkingModel, Role, SectorCode } from '@waymark/domain';

@Entity('area')
export class Area {
  @PrimaryColumn({ type: 'varchar', length: 9 }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) type!: AreaType;
  @Column({ type: 'varchar', length: 9, name: 'parent_code', nullable: true }) parentCode!: string | null;
  @Column({ type: 'integer', name: 'females_16plus', nullable: true }) females16plus!: number | null;
  @Column({ type: 'text', name: 'population_source', nullable: true }) populationSource!: string | null;
}

@Entity('agency')
export class Agency {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) sector!: SectorCode;
  @Column({ type: 'varchar', length: 9, name: 'area_code' }) areaCode!: string;
  @Column({ type: 'text', name: 'joint_working_model', nullable: true }) jointWorkingModel!: JointWorkingModel | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
}

@Entity('marac')
export class Marac {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'varchar', length: 9, name: 'area_code' }) areaCode!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
}

@Entity('app_user')
export class AppUser {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text', name: 'display_name' }) displayName!: string;
  @Column({ type: 'text', name: 'password_hash', select: false }) passwordHash!: string;
  @Column({ type: 'text' }) role!: Role;
  @Column({ type: 'uuid', name: 'agency_id', nullable: true }) agencyId!: string | null;
  @Column({ type: 'uuid', name: 'marac_id', nullable: true }) maracId!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
}

export const ENTITIES = [Area, Agency, Marac, AppUser];
