import { useLanguage } from '../../src/i18n.js';

// Code that speaks to people does so through the message catalogue; main() chooses the
// language for each run, and tests that call the code directly get English.
useLanguage('en');
