// Entry of the taste model's worker thread (its own file in the build: dist/apps/accord/taste-model.worker.js).
import { runTasteModelWorker } from './taste-model.worker';

runTasteModelWorker();
