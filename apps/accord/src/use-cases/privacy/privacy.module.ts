import { Module } from '@nestjs/common';
import { HistoryModule } from '../../domain/history/history.module';
import { PreferencesModule } from '../../domain/preferences/preferences.module';
import { PrivacyService } from './privacy.service';

/** What Accord keeps about a user, shown (/privacy), exported, or forgotten (/forget-me, /optout). */
@Module({
  imports: [HistoryModule, PreferencesModule],
  providers: [PrivacyService],
  exports: [PrivacyService],
})
export class PrivacyModule {}
