"""Fuzzed input (hypothesis) into every form a user posts: text from all of Unicode (emoji,
right-to-left, combining marks, zero-width and control characters, NUL), very long text
(up to 100 000 characters), HTML, script, template and SQL payloads, and malformed
numbers, dates, choices and management data. The bar: never a server error; stored as
typed (after the field's documented normalisation) or refused with an error next to the
field; shown escaped. Run on SQLite and PostgreSQL (which refuses NUL in text and
enforces varchar lengths). FUZZ_EXAMPLES raises the examples per test for a deep run.

Normalisations, per field (see helpers.judge):
- every CharField strips surrounding whitespace (Django's strip=True); passwords do not;
- NUL is refused with a field error everywhere (Django's ProhibitNullCharactersValidator
  on form fields; surveys.answering.character_errors on the answer page and autosave,
  which are not Django forms), since PostgreSQL cannot store it and no one types it;
- textareas of agreements (premises, clause text) store LF for CRLF (plain_lines);
- theme names collapse inner whitespace; answer options are one per line, stripped;
- a blank agreement title becomes "Samarbeidsavtale mellom …" (its help text says so).

The forms, by page (32):
centres, the centre edit page (coordinator; the own centre's leader):
  1 CentreProfileForm  2 TargetGroupFormSet  3 GoalPeriodForm
  4 PeriodGoalFormSet (PeriodGoalForm, with the links to municipal goals and strategies)
  5 PartnerFormSet  6 ContactFormSet (ContactForm)
meetings, create and edit (coordinator):
  7 MeetingForm  8 AgendaFormSet (AgendaItemForm)  9 FollowUpFormSet (FollowUpForm)
  10 MeetingFilterForm (GET, the list)
surveys:
  11 SurveyForm  12 QuestionForm (with choices and a follow-up's condition)
  13 the answer page (every kind of question; save, submit, confirm)
  14 the autosave endpoint (answer_save, posted by static/js/surveys.js)
  15 SummaryForm  16 ThemeSelectionForm (new / add, and the remove and delete actions)
  17 RenameThemeForm
agreements:
  18 AgreementCreateForm  19 AgreementForm  20 LocalClauseFormSet (LocalClauseForm)
  21 VersionNoteForm (the note of an edit)  22 TransitionForm (comment, signed date)
  23 CommentForm (text, clause, thread)  24 FrameworkForm
  25 FrameworkClauseFormSet (FrameworkClauseForm)  26 NoteForm (the framework's note)
  27 VersionPickForm (GET, comparing versions)
accounts and the site:
  28 LoginForm (behind django-axes)  29 PasswordChangeForm  30 PasswordResetForm
  31 SetPasswordForm (from the e-mail's link)  32 CentreFilter (GET) and the language switch

Not fuzzed here: the Django admin's forms (plans.admin.HearingInputForm and the model
admins; administrators only) and buttons that post no text (send, remind, close, publish,
copy, reopen, move, delete, renew, adopt the framework, restore a version).
"""
