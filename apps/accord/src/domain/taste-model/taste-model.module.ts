import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DiscoveryModule } from '../discovery/discovery.module';
import { ProfilesModule } from '../preferences/profiles/profiles.module';
import { TasteModelInputsReader } from './taste-model-inputs';
import { TasteModelRepository } from './taste-model.repository';
import { TASTE_MODEL, TASTE_MODEL_PART, tasteModelPartSchema, tasteModelSchema } from './taste-model.schema';
import { TasteModelService } from './taste-model.service';

/** Autoplay's learned taste model: its training job, its storage, and the cached listener scores. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: TASTE_MODEL, schema: tasteModelSchema },
      { name: TASTE_MODEL_PART, schema: tasteModelPartSchema },
    ]),
    DiscoveryModule,
    ProfilesModule,
  ],
  providers: [TasteModelRepository, TasteModelInputsReader, TasteModelService],
  exports: [TasteModelService],
})
export class TasteModelModule {}
