<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
  <context>
    <name>AddPermitDialog</name>
    <message>
      <source>Add permit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Permit type</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Custom permit…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name of the permit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Competent authority</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Authority</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A permit that is not in the catalogue: give it a name.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n day(s)</source>
      <translation>
        <numerusform>%n day</numerusform>
        <numerusform>%n days</numerusform>
      </translation>
    </message>
    <message>
      <source>Legal limit</source>
      <translation>Legal limit</translation>
    </message>
  </context>
  <context>
    <name>AdvanceDialog</name>
    <message>
      <source>Advance the phase</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The project entered the phase “%1” (%2) on:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date the phase was entered</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>AftercareTab</name>
    <message>
      <source>New note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New aftercare note (Ctrl+Shift+N)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Aftercare notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Topic</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What the company said, what was agreed, what to check…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Follow-up on</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete note</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n note(s)</source>
      <translation>
        <numerusform>%n note</numerusform>
        <numerusform>%n notes</numerusform>
      </translation>
    </message>
    <message>
      <source>No notes yet: “New note” starts one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New note (saved as soon as you type)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CrashDialog</name>
    <message>
      <source>Unexpected error</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Something went wrong inside Tutor. Your saved data is safe: every change is stored as soon as you make it.
Please copy the details below and send them to support.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Error details</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Copy details</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DossierList</name>
    <message>
      <source>Code</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Project</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Investor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Country</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sector</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Phase</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Capex</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hires</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Municipality</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tutor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Deadline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sync</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Country of origin</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Expected new hires</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Next legal deadline of a permit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Changes waiting to be synced</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n overdue</source>
      <translation>
        <numerusform>%n overdue</numerusform>
        <numerusform>%n overdue</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) waiting to be synced</source>
      <translation>
        <numerusform>%n change waiting to be synced</numerusform>
        <numerusform>%n changes waiting to be synced</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n permit(s) past their legal deadline</source>
      <translation>
        <numerusform>%n permit past their legal deadline</numerusform>
        <numerusform>%n permits past their legal deadline</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DossierListPage</name>
    <message>
      <source>Dossiers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search title, investor, municipality, minutes and notes…  (Ctrl+F)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search dossiers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All phases</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Phase</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All sectors</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sector</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All statuses</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All tutors</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tutor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Overdue permits only</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Clear filters</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dossier list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>My projects (%1)</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n dossier(s)</source>
      <translation>
        <numerusform>%n dossier</numerusform>
        <numerusform>%n dossiers</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 of %2 dossiers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New dossier…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make a new dossier (Ctrl+N)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No dossiers yet. Make the first one, or sync with the server to receive those assigned to you.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make the first dossier…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DossierPage</name>
    <message>
      <source>← Dossiers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Back to the dossier list (Alt+Left)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save state</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export PDF…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Overview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Timeline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Permits</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Aftercare</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Saved at %1</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n change(s) of this dossier to sync</source>
      <translation>
        <numerusform>%n change of this dossier to sync</numerusform>
        <numerusform>%n changes of this dossier to sync</numerusform>
      </translation>
    </message>
    <message>
      <source>everything synced</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>nothing waiting to sync</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DossierTables</name>
    <message>
      <source>Date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Place</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Actions</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n open action item(s)</source>
      <translation>
        <numerusform>%n open action item</numerusform>
        <numerusform>%n open action items</numerusform>
      </translation>
    </message>
    <message>
      <source>Done</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Action</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Owner</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Due</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Permit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Authority</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Submitted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Legal limit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Legal deadline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Decided</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n day(s)</source>
      <translation>
        <numerusform>%n day</numerusform>
        <numerusform>%n days</numerusform>
      </translation>
    </message>
    <message>
      <source>suspended</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n day(s) late</source>
      <translation>
        <numerusform>%n day late</numerusform>
        <numerusform>%n days late</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>in %n day(s)</source>
      <translation>
        <numerusform>in %n day</numerusform>
        <numerusform>in %n days</numerusform>
      </translation>
    </message>
    <message>
      <source>The legal deadline has passed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The legal deadline is near</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The term is suspended: documents were requested</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Topic</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Follow-up</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>This field is required.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter a whole number.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The value cannot be negative.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter a date as DD/MM/YYYY.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter an amount in euro, e.g. %1.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter a valid e-mail address.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The text is too long.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose a province of Lombardy.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose a country from the list.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The due date is before the meeting.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The decision date is before the filing date.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The follow-up is before the date of the note.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The date is before the previous phase.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The project has already entered this phase.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The project is already past this phase.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tutor</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message>
      <source>Export dossier to PDF</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export portfolio to PDF</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Language</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Phase</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sector</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Province</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sections</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Generate preview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Close</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Portfolio report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Generating the PDF…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancelling…</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n page(s), ready to save.</source>
      <translation>
        <numerusform>%n page, ready to save.</numerusform>
        <numerusform>%n pages, ready to save.</numerusform>
      </translation>
    </message>
    <message>
      <source>Cancelled: no PDF was made.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The PDF could not be made.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save PDF</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Saved to %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Document control</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Protocol no.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Version</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Confidential</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Internal use</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Public</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Region default (%1)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Classification</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>One recipient per line</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Distribution</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signed by</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Role</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n field(s) hold characters no font can print; the PDF shows � in their place:</source>
      <translation>
        <numerusform>%n field holds characters no font can print; the PDF shows � in their place:</numerusform>
        <numerusform>%n fields hold characters no font can print; the PDF shows � in their place:</numerusform>
      </translation>
    </message>
    <message>
      <source>The PDF appears here: choose what it holds, then Generate preview.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Fields</name>
    <message>
      <source>dd/mm/yyyy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>unknown (%1)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Calendar (Alt+Down)</source>
      <translation>Calendar (Alt+Down)</translation>
    </message>
  </context>
  <context>
    <name>HomePage</name>
    <message>
      <source>Home</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Capex followed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Permits overdue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Permits due in 14 days</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open action items</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Follow-ups due</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Meetings in the next 14 days</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dossier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Working table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Permit deadlines: overdue and near</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Deadline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Permit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Due</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Action</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Aftercare follow-ups</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Follow-up</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hello, %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New dossier…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make a new dossier (Ctrl+N)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Today is %1</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>Today is %1 · %2 dossier(s) followed</source>
      <translation>
        <numerusform>Today is %1 · %2 dossier followed</numerusform>
        <numerusform>Today is %1 · %2 dossiers followed</numerusform>
      </translation>
    </message>
    <message>
      <source>Dossiers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>My dossiers</source>
      <translation>My dossiers</translation>
    </message>
    <message>
      <source>My area</source>
      <translation>My area</translation>
    </message>
    <message>
      <source>The whole region</source>
      <translation>The whole region</translation>
    </message>
    <message>
      <source>Sho&amp;wing:</source>
      <translation>Sho&amp;wing:</translation>
    </message>
    <message>
      <source>Which dossiers Home counts</source>
      <translation>Which dossiers Home counts</translation>
    </message>
    <message>
      <source>Which dossiers the figures and lists count; remembered</source>
      <translation>Which dossiers the figures and lists count; remembered</translation>
    </message>
    <message>
      <source>Investor</source>
      <translation>Investor</translation>
    </message>
    <message>
      <source>My actions: this week and overdue</source>
      <translation>My actions: this week and overdue</translation>
    </message>
    <message>
      <source>Only mine</source>
      <translation>Only mine</translation>
    </message>
    <message>
      <source>The action items whose owner is you, by name</source>
      <translation>The action items whose owner is you, by name</translation>
    </message>
    <message>
      <source>Show the list it counts (Enter)</source>
      <translation>Show the list it counts (Enter)</translation>
    </message>
    <message numerus="yes">
      <source>Today is %1 · %2 dossier(s) in my area</source>
      <translation>
        <numerusform>Today is %1 · %2 dossier in my area</numerusform>
        <numerusform>Today is %1 · %2 dossiers in my area</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Today is %1 · %2 dossier(s) in the region</source>
      <translation>
        <numerusform>Today is %1 · %2 dossier in the region</numerusform>
        <numerusform>Today is %1 · %2 dossiers in the region</numerusform>
      </translation>
    </message>
    <message>
      <source>Actions: this week and overdue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No meeting in the next 14 days.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No permit deadline passed or near.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No action item due this week or overdue.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No aftercare follow-up due.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Tutor — investment dossiers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Invest in Lombardy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Home</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dossiers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;File</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PDF export is not part of this build yet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Go</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Dossier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export PDF</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PDF export is not part of this build yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;b&gt;Tutor&lt;/b&gt; %1&lt;br&gt;Dossiers of investment projects for project tutors.&lt;br&gt;Every change is saved on this computer at once and synced when a connection is available.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Send your changes to the server and receive the others' (F5)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;New dossier…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Demo region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The demo region could not be started.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MeetingEditor</name>
    <message>
      <source>Delete meeting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Working table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date and time</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Place</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Participants</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>One per line: name (organisation)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Organisations</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Agenda</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Minutes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Decisions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>One decision per line</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Action items</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New action item…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New action item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Owner</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Owner of the new action item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Due dd/mm/yyyy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Due date of the new action item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add action</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New meeting (saved as soon as you type)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete this meeting and its action items?</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>OverviewTab</name>
    <message>
      <source>Project</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Title</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Kind</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sector</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Function</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Estimated capex</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New hires</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Municipality</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Province</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ZIS (simplified investment zone)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ZLS (simplified logistics zone)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Zones</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Description</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Instruments and services</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Instruments</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Services given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Investor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Company</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Country of origin</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Website</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Parent group</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Contacts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tutors</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No contacts yet</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>Investor of %n dossier(s) here: what you change in it changes in all of them.</source>
      <translation>
        <numerusform>Investor of %n dossier here: what you change in it changes in all of them.</numerusform>
        <numerusform>Investor of %n dossiers here: what you change in it changes in all of them.</numerusform>
      </translation>
    </message>
    <message>
      <source>Rename the investor</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%1 is the investor of %n dossier(s) you can see. Rename it to %2 in all of them?</source>
      <translation>
        <numerusform>%1 is the investor of %n dossier you can see. Rename it to %2 in all of them?</numerusform>
        <numerusform>%1 is the investor of %n dossiers you can see. Rename it to %2 in all of them?</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PermitsTab</name>
    <message>
      <source>Add permit…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Permit checklist</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Permit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Competent authority</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Legal limit (days)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Submitted on</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Expected by</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Decided on</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Remove from checklist</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n permit(s)</source>
      <translation>
        <numerusform>%n permit</numerusform>
        <numerusform>%n permits</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 granted</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n overdue</source>
      <translation>
        <numerusform>%n overdue</numerusform>
        <numerusform>%n overdue</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n due soon</source>
      <translation>
        <numerusform>%n due soon</numerusform>
        <numerusform>%n due soon</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n suspended</source>
      <translation>
        <numerusform>%n suspended</numerusform>
        <numerusform>%n suspended</numerusform>
      </translation>
    </message>
    <message>
      <source>No legal term running.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Term suspended (documents requested); it would end on %1.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>Legal deadline %1: passed %n day(s) ago.</source>
      <translation>
        <numerusform>Legal deadline %1: passed %n day ago.</numerusform>
        <numerusform>Legal deadline %1: passed %n days ago.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Legal deadline %1: %n day(s) left.</source>
      <translation>
        <numerusform>Legal deadline %1: %n day left.</numerusform>
        <numerusform>Legal deadline %1: %n days left.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PhaseStepper</name>
    <message>
      <source>Phases of the project</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>current phase, entered on %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>entered on %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not reached yet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Click to record that the project entered this phase</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Click to undo this phase</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Undo: the project is not in “%1”</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Language</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Same as the computer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The window is rebuilt in the new language; nothing you typed is lost.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sync with the shared server</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>User name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This is a demo profile: it never syncs with a real server.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not a server address: write it as postgresql://host:port/database, without a password.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Server</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Port</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Database</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Given by IT. The password is asked at the first sync, once the server has answered, and kept in the system keyring.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter a port between 1 and 65535 (usually 5432).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter the server's name as IT gives it, e.g. db.regione.lombardia.it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A database name has no spaces, slashes or question marks.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No server: this profile does not sync.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Address: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Connection: %1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SyncStatusBar</name>
    <message>
      <source>Sync state</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Demo region: changes stay on this computer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>offline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>online</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>syncing…</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n change(s) waiting</source>
      <translation>
        <numerusform>%n change waiting</numerusform>
        <numerusform>%n changes waiting</numerusform>
      </translation>
    </message>
    <message>
      <source>no changes waiting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>last sync %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show the changes waiting to be synced</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>sync not set up</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>sync failed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>never synced</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>TimelineTab</name>
    <message>
      <source>Show meetings of</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All working tables</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>With open actions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New meeting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New meeting (Ctrl+Shift+M)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Meetings</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n meeting(s)</source>
      <translation>
        <numerusform>%n meeting</numerusform>
        <numerusform>%n meetings</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n open action item(s)</source>
      <translation>
        <numerusform>%n open action item</numerusform>
        <numerusform>%n open action items</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TutorApp</name>
    <message>
      <source>Preparing the demo region…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Demo region</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>WelcomeDialog</name>
    <message>
      <source>Welcome to Tutor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tutor keeps the dossiers of the investment projects you follow on this computer, so you can work during site visits without a connection. Tell us who you are to start; your role comes from the regional server at the first sync.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>e.g. Maria Rossi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your e-mail</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>name.surname@region.example</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Language</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;E-mail</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Explore the &amp;demo region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Create my profile</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ConflictsDialog</name>
    <message>
      <source>Conflicts to look at</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Two people changed the same thing, or the server refused a change. Nothing is lost: choose which version stays. Your choice is synced to everyone.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your version</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The other version</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Merged text (edit it, then save)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Merged text</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Keep mine</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Keep the other</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save the merged text</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Restore the record</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Confirm the deletion</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Seen, close it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No conflicts: everything agrees.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Conflicts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Seen, remove from the list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Refused changes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>(empty)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your values, kept here: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Apply these values</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make this change again, as your own edit of the dossier: it is synced to everyone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Version by %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>One version</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The refused change</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Now in the dossier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your edits</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Edits by %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The edits</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The deletion</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PasswordDialog</name>
    <message>
      <source>Sync: password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>It is kept in the system keyring, never in a file.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sync</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PendingChangesDialog</name>
    <message>
      <source>Changes waiting to be synced</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>They are saved on this computer and go up at the next sync.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing is waiting: every change has gone up to the server.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n change(s) made on this computer, waiting to go up to the server:</source>
      <translation>
        <numerusform>%n change made on this computer, waiting to go up to the server:</numerusform>
        <numerusform>%n changes made on this computer, waiting to go up to the server:</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n dossier(s).</source>
      <translation>
        <numerusform>%n dossier.</numerusform>
        <numerusform>%n dossiers.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>SyncController</name>
    <message>
      <source>The server cannot be reached: your changes stay on this computer and go up as soon as it can.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The server is busy; retrying shortly.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The password is needed: press Sync now (F5) to enter it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The server did not accept the user name or password: press Sync now (F5) to enter it again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The server has been upgraded: update Tutor to sync. You can keep working; your changes stay on this computer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The server is older than this Tutor: ask IT to upgrade it. Your changes stay on this computer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The server does not allow this to your user.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No server set yet: enter its address and your user name in Settings.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter the user name the server knows you by in Settings.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Create your profile (name and e-mail) before the first sync.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The server address in Settings is not valid (postgresql://host:port/database).</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SyncTables</name>
    <message>
      <source>Record</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What happened</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Other version by</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>edited by two people</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>deleted while being edited</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>change refused</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why the server refused it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>When</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New value</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Changed on</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>(being sent)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dossier, record, field</source>
      <translation>Dossier, record, field</translation>
    </message>
    <message>
      <source>Before</source>
      <translation>Before</translation>
    </message>
    <message>
      <source>Now</source>
      <translation>Now</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s)</source>
      <translation>
        <numerusform>%n change</numerusform>
        <numerusform>%n changes</numerusform>
      </translation>
    </message>
    <message>
      <source>new</source>
      <translation>new</translation>
    </message>
    <message>
      <source>deleted</source>
      <translation>deleted</translation>
    </message>
    <message>
      <source>restored</source>
      <translation>restored</translation>
    </message>
    <message>
      <source>changed</source>
      <translation>changed</translation>
    </message>
    <message>
      <source>(empty)</source>
      <translation>(empty)</translation>
    </message>
  </context>
  <context>
    <name>ContactDialog</name>
    <message>
      <source>Change contact</source>
      <translation>Change contact</translation>
    </message>
    <message>
      <source>New contact</source>
      <translation>New contact</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>Phone</translation>
    </message>
  </context>
  <context>
    <name>ContactsBox</name>
    <message>
      <source>Add contact…</source>
      <translation>Add contact…</translation>
    </message>
    <message>
      <source>Add a contact of the investor</source>
      <translation>Add a contact of the investor</translation>
    </message>
    <message>
      <source>edit</source>
      <translation>edit</translation>
    </message>
    <message>
      <source>remove</source>
      <translation>remove</translation>
    </message>
    <message>
      <source>No contacts yet</source>
      <translation>No contacts yet</translation>
    </message>
    <message>
      <source>Remove contact</source>
      <translation>Remove contact</translation>
    </message>
    <message>
      <source>Remove %1 from the investor's contacts?</source>
      <translation>Remove %1 from the investor's contacts?</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>With no network at all: a signed file a coordinator imports</source>
      <translation>With no network at all: a signed file a coordinator imports</translation>
    </message>
    <message>
      <source>Export changes to a file</source>
      <translation>Export changes to a file</translation>
    </message>
    <message>
      <source>Tutor bundles (*.tutorbundle)</source>
      <translation>Tutor bundles (*.tutorbundle)</translation>
    </message>
    <message>
      <source>This profile has never synced: sync once with the server first, then files can be exported when there is no network.</source>
      <translation>This profile has never synced: sync once with the server first, then files can be exported when there is no network.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Coordinators: apply a tutor's bundle file to the server</source>
      <translation>Coordinators: apply a tutor's bundle file to the server</translation>
    </message>
    <message>
      <source>Coordinators: take a bundle back; later edits become conflicts</source>
      <translation>Coordinators: take a bundle back; later edits become conflicts</translation>
    </message>
    <message>
      <source>Import a bundle</source>
      <translation>Import a bundle</translation>
    </message>
  </context>
  <context>
    <name>BundleImport</name>
    <message>
      <source>Import a bundle</source>
      <translation>Import a bundle</translation>
    </message>
    <message>
      <source>The signature of this bundle cannot be verified (%1). Import it only if you know where the file comes from: its changes will be recorded as unverified.</source>
      <translation>The signature of this bundle cannot be verified (%1). Import it only if you know where the file comes from: its changes will be recorded as unverified.</translation>
    </message>
    <message>
      <source>Import anyway</source>
      <translation>Import anyway</translation>
    </message>
    <message>
      <source>Imported unverified, by your decision.</source>
      <translation>Imported unverified, by your decision.</translation>
    </message>
    <message>
      <source>Signature verified by this computer and by the server.</source>
      <translation>Signature verified by this computer and by the server.</translation>
    </message>
    <message numerus="yes">
      <source>Bundle of %1, made on %2 on the device %3: %n change(s).

Apply them to the server as that tutor's changes (the same rules as a sync)?</source>
      <translation>
        <numerusform>Bundle of %1, made on %2 on the device %3: %n change.

Apply them to the server as that tutor's changes (the same rules as a sync)?</numerusform>
        <numerusform>Bundle of %1, made on %2 on the device %3: %n changes.

Apply them to the server as that tutor's changes (the same rules as a sync)?</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n change(s):</source>
      <translation>
        <numerusform>%n change:</numerusform>
        <numerusform>%n changes:</numerusform>
      </translation>
    </message>
    <message>
      <source>applied %1 · conflicts to look at %2 · already on the server %3 · refused %4.</source>
      <translation>applied %1 · conflicts to look at %2 · already on the server %3 · refused %4.</translation>
    </message>
    <message numerus="yes">
      <source>Bundle of %1 made on %2 (%n change(s)).</source>
      <translation>
        <numerusform>Bundle of %1 made on %2 (%n change).</numerusform>
        <numerusform>Bundle of %1 made on %2 (%n changes).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) had their id already used by the bundle of %1 made on %2 with other values: both values are kept as conflicts to resolve.</source>
      <translation>
        <numerusform>%n change had their id already used by the bundle of %1 made on %2 with other values: both values are kept as conflicts to resolve.</numerusform>
        <numerusform>%n changes had their id already used by the bundle of %1 made on %2 with other values: both values are kept as conflicts to resolve.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>BundleRevert</name>
    <message>
      <source>Revert an imported bundle</source>
      <translation>Revert an imported bundle</translation>
    </message>
    <message>
      <source>There is no imported bundle left to revert.</source>
      <translation>There is no imported bundle left to revert.</translation>
    </message>
    <message>
      <source>Bundle to revert:</source>
      <translation>Bundle to revert:</translation>
    </message>
    <message>
      <source>Revert %1? Each field it wrote gets back the value it had before, as a change of yours; a field edited after the bundle becomes a conflict to resolve.</source>
      <translation>Revert %1? Each field it wrote gets back the value it had before, as a change of yours; a field edited after the bundle becomes a conflict to resolve.</translation>
    </message>
  </context>
  <context>
    <name>InvestorModel</name>
    <message>
      <source>Company</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Country</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dossiers</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>NewDossierDialog</name>
    <message>
      <source>New dossier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Back</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Next</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Create dossier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Find the investor among those already here, or make a new one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Company name, e.g. Siemens AG</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search investors</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Country</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All countries</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Country of the investors shown</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Investor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Investors found</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ne&amp;w investor…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New investor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Company</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Country of origin</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sector</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Website</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Use that one</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Contacts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Role</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>E-mail</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Phone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add &amp;another contact</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>← &amp;Search the existing investors</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Contact %1: %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No investors here yet: make the first one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No investor with this name: make a new one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose one and press Enter, or make a new investor.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ne&amp;w investor «%1»…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Title</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>e.g. New packaging line in Lodi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Kind</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Function</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Municipality</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Estimated capex</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Province</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>First phase</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Phase entered on</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The permit checklist starts from the template for the kind and function; the dossier is assigned to you and goes to the server at the next sync.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;b&gt;1. Investor&lt;/b&gt; › 2. Project</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>1. Investor › &lt;b&gt;2. Project&lt;/b&gt;</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>Investor: &lt;b&gt;%1&lt;/b&gt; (%2), in %n dossier(s) here</source>
      <translation>
        <numerusform>Investor: &lt;b&gt;%1&lt;/b&gt; (%2), in %n dossier here</numerusform>
        <numerusform>Investor: &lt;b&gt;%1&lt;/b&gt; (%2), in %n dossiers here</numerusform>
      </translation>
    </message>
    <message>
      <source>New investor: &lt;b&gt;%1&lt;/b&gt; (%2)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose an investor from the list (Down arrow), or make a new one.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%1 (%2) is here already, in %n dossier(s). Use that one, or press Next again to make another.</source>
      <translation>
        <numerusform>%1 (%2) is here already, in %n dossier. Use that one, or press Next again to make another.</numerusform>
        <numerusform>%1 (%2) is here already, in %n dossiers. Use that one, or press Next again to make another.</numerusform>
      </translation>
    </message>
    <message>
      <source>New hires</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Investor: &lt;b&gt;%1&lt;/b&gt; (%2), in no dossier here yet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 (%2) is here already, in no dossier yet. Use that one, or press Next again to make another.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Close without making the dossier? What you typed is lost.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>StartPanel</name>
    <message>
      <source>To start</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;New dossier…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Set up the &amp;server…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Explore the demo &amp;region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make your first dossier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>An investor, the project and its phase: the permit checklist starts from its template. Ctrl+N, from anywhere.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Connect to the region's server</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Look around first</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The demo region opens in a window of its own, on made-up data that goes when it closes: nothing of it enters your profile.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This profile syncs with %1: Sync now (F5) receives the dossiers assigned to you.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Change the &amp;server…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>With the address IT gives you, the dossiers assigned to you arrive here and yours go to the region.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>WarningStrip</name>
    <message>
      <source>Dossier followed by %1: your edits reach them at the next sync.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>Last update from the server %n day(s) ago: sync (F5) before editing, others may have changed it.</source>
      <translation>
        <numerusform>Last update from the server %n day ago: sync (F5) before editing, others may have changed it.</numerusform>
        <numerusform>Last update from the server %n days ago: sync (F5) before editing, others may have changed it.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>AboutDialog</name>
    <message>
      <source>About Tutor</source>
      <translation>About Tutor</translation>
    </message>
    <message>
      <source>&amp;About</source>
      <translation>&amp;About</translation>
    </message>
    <message>
      <source>&amp;Third-party notices</source>
      <translation>&amp;Third-party notices</translation>
    </message>
    <message>
      <source>Version %1</source>
      <translation>Version %1</translation>
    </message>
    <message>
      <source>Dossiers of investment projects for project tutors. Every change is saved on this computer at once and synced when a connection is available.</source>
      <translation>Dossiers of investment projects for project tutors. Every change is saved on this computer at once and synced when a connection is available.</translation>
    </message>
    <message>
      <source>Tutor is free software under the European Union Public Licence v. 1.2 (EUPL-1.2). The window is drawn with Qt for Python (PySide6), used under the GNU LGPL v3: the other tabs show the notices and the licences, in their original language.</source>
      <translation>Tutor is free software under the European Union Public Licence v. 1.2 (EUPL-1.2). The window is drawn with Qt for Python (PySide6), used under the GNU LGPL v3: the other tabs show the notices and the licences, in their original language.</translation>
    </message>
  </context>
  <context>
    <name>DashboardPage</name>
    <message>
      <source>Dashboard</source>
      <translation>Dashboard</translation>
    </message>
    <message>
      <source>Count:</source>
      <translation>Count:</translation>
    </message>
    <message>
      <source>Which dossiers the figures count</source>
      <translation>Which dossiers the figures count</translation>
    </message>
    <message>
      <source>Bars show:</source>
      <translation>Bars show:</translation>
    </message>
    <message>
      <source>What the bars measure</source>
      <translation>What the bars measure</translation>
    </message>
    <message>
      <source>Projects</source>
      <translation>Projects</translation>
    </message>
    <message>
      <source>Capex</source>
      <translation>Capex</translation>
    </message>
    <message>
      <source>New hires</source>
      <translation>New hires</translation>
    </message>
    <message>
      <source>By phase</source>
      <translation>By phase</translation>
    </message>
    <message>
      <source>By status</source>
      <translation>By status</translation>
    </message>
    <message>
      <source>Announced vs active</source>
      <translation>Announced vs active</translation>
    </message>
    <message>
      <source>Permits by competent authority</source>
      <translation>Permits by competent authority</translation>
    </message>
    <message>
      <source>overdue</source>
      <translation>overdue</translation>
    </message>
    <message>
      <source>due within 14 days</source>
      <translation>due within 14 days</translation>
    </message>
    <message>
      <source>By sector</source>
      <translation>By sector</translation>
    </message>
    <message>
      <source>By province</source>
      <translation>By province</translation>
    </message>
    <message>
      <source>By country of origin</source>
      <translation>By country of origin</translation>
    </message>
    <message>
      <source>By tutor</source>
      <translation>By tutor</translation>
    </message>
    <message>
      <source>Per quarter</source>
      <translation>Per quarter</translation>
    </message>
    <message>
      <source>new leads</source>
      <translation>new leads</translation>
    </message>
    <message>
      <source>entries into a later phase</source>
      <translation>entries into a later phase</translation>
    </message>
    <message>
      <source>Nothing to count.</source>
      <translation>Nothing to count.</translation>
    </message>
    <message>
      <source>My dossiers</source>
      <translation>My dossiers</translation>
    </message>
    <message>
      <source>My area</source>
      <translation>My area</translation>
    </message>
    <message>
      <source>The whole region</source>
      <translation>The whole region</translation>
    </message>
    <message numerus="yes">
      <source>Counting: %1 · %n dossier(s) · on %2</source>
      <translation>
        <numerusform>Counting: %1 · %n dossier · on %2</numerusform>
        <numerusform>Counting: %1 · %n dossiers · on %2</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n dossier(s)</source>
      <translation>
        <numerusform>%n dossier</numerusform>
        <numerusform>%n dossiers</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 capex</source>
      <translation>%1 capex</translation>
    </message>
    <message>
      <source>%1 new hires</source>
      <translation>%1 new hires</translation>
    </message>
    <message numerus="yes">
      <source>Open the %n dossier(s) counted (%1)</source>
      <translation>
        <numerusform>Open the dossier counted (%1)</numerusform>
        <numerusform>Open the %n dossiers counted (%1)</numerusform>
      </translation>
    </message>
    <message>
      <source>Phase</source>
      <translation>Phase</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Sector</source>
      <translation>Sector</translation>
    </message>
    <message>
      <source>Province</source>
      <translation>Province</translation>
    </message>
    <message>
      <source>Country</source>
      <translation>Country</translation>
    </message>
    <message>
      <source>Tutor</source>
      <translation>Tutor</translation>
    </message>
    <message numerus="yes">
      <source>Other (%n)</source>
      <translation>
        <numerusform>Other (%n)</numerusform>
        <numerusform>Other (%n)</numerusform>
      </translation>
    </message>
    <message>
      <source>not set</source>
      <translation>not set</translation>
    </message>
    <message>
      <source>%1 — %2 dossier(s), %3 capex, %4 new hires</source>
      <translation>%1 — %2 dossier(s), %3 capex, %4 new hires</translation>
    </message>
    <message>
      <source>authority not named</source>
      <translation>authority not named</translation>
    </message>
    <message>
      <source>Overdue permits at %1 · %2</source>
      <translation>Overdue permits at %1 · %2</translation>
    </message>
    <message>
      <source>Permits due within 14 days at %1 · %2</source>
      <translation>Permits due within 14 days at %1 · %2</translation>
    </message>
    <message>
      <source>Q%1 %2</source>
      <translation>Q%1 %2</translation>
    </message>
    <message>
      <source>New leads in %1 · %2</source>
      <translation>New leads in %1 · %2</translation>
    </message>
    <message>
      <source>Phase entries in %1 · %2</source>
      <translation>Phase entries in %1 · %2</translation>
    </message>
    <message numerus="yes">
      <source>%1 in %n dossier(s)</source>
      <translation>
        <numerusform>%1 in %n dossier</numerusform>
        <numerusform>%1 in %n dossiers</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DossierListPage</name>
    <message>
      <source>Show every dossier</source>
      <translation>Show every dossier</translation>
    </message>
    <message>
      <source>From the dashboard: %1</source>
      <translation>From the dashboard: %1</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Dashboard</source>
      <translation>Dashboard</translation>
    </message>
  </context>
  <context>
    <name>TableExport</name>
    <message>
      <source>Export table</source>
      <translation>Export table</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</source>
      <translation>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Export table…</source>
      <translation>Export table…</translation>
    </message>
    <message>
      <source>The dossier list as shown, or the dashboard, to Excel or CSV</source>
      <translation>The dossier list as shown, or the dashboard, to Excel or CSV</translation>
    </message>
    <message>
      <source>dashboard</source>
      <translation>dashboard</translation>
    </message>
    <message>
      <source>dossiers</source>
      <translation>dossiers</translation>
    </message>
    <message>
      <source>Exported to %1</source>
      <translation>Exported to %1</translation>
    </message>
  </context>
  <context>
    <name>DossierListPage</name>
    <message>
      <source>All provinces</source>
      <translation>All provinces</translation>
    </message>
    <message>
      <source>Province</source>
      <translation>Province</translation>
    </message>
    <message>
      <source>All countries</source>
      <translation>All countries</translation>
    </message>
    <message>
      <source>Country of origin</source>
      <translation>Country of origin</translation>
    </message>
    <message>
      <source>All authorities</source>
      <translation>All authorities</translation>
    </message>
    <message>
      <source>Competent authority</source>
      <translation>Competent authority</translation>
    </message>
    <message>
      <source>Competent authority: the dossiers with a permit there (with "Overdue permits only": an overdue one there)</source>
      <translation>Competent authority: the dossiers with a permit there (with "Overdue permits only": an overdue one there)</translation>
    </message>
    <message>
      <source>Totals of the dossiers shown</source>
      <translation>Totals of the dossiers shown</translation>
    </message>
    <message numerus="yes">
      <source>Total of the %n dossier(s) shown: %1 capex · %2 new hires</source>
      <translation>
        <numerusform>Total of the dossier shown: %1 capex · %2 new hires</numerusform>
        <numerusform>Total of the %n dossiers shown: %1 capex · %2 new hires</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>UndoMessage</name>
    <message>
      <source>Message</source>
      <translation>Message</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>Undo</translation>
    </message>
    <message>
      <source>Undo the delete (Ctrl+Z)</source>
      <translation>Undo the delete (Ctrl+Z)</translation>
    </message>
  </context>
  <context>
    <name>UndoController</name>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Undo</translation>
    </message>
    <message>
      <source>Recycle &amp;bin…</source>
      <translation>Recycle &amp;bin…</translation>
    </message>
    <message>
      <source>What was deleted, when and by whom: restore it from here</source>
      <translation>What was deleted, when and by whom: restore it from here</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <source>Delete dossier</source>
      <translation>Delete dossier</translation>
    </message>
    <message>
      <source>Delete %1? The dossier and everything in it go to the recycle bin (Edit ▸ Recycle bin), from where it can be restored.</source>
      <translation>Delete %1? The dossier and everything in it go to the recycle bin (Edit ▸ Recycle bin), from where it can be restored.</translation>
    </message>
    <message>
      <source>In the recycle bin: %1</source>
      <translation>In the recycle bin: %1</translation>
    </message>
    <message>
      <source>Restored: %1</source>
      <translation>Restored: %1</translation>
    </message>
    <message>
      <source>&amp;Undo delete: %1</source>
      <translation>&amp;Undo delete: %1</translation>
    </message>
  </context>
  <context>
    <name>RecycleBinDialog</name>
    <message>
      <source>Recycle bin</source>
      <translation>Recycle bin</translation>
    </message>
    <message>
      <source>What was deleted stays here. Restore puts it back where it was, with what it held (a meeting's action items, a dossier's records); after the next sync the other computers have it back too.</source>
      <translation>What was deleted stays here. Restore puts it back where it was, with what it held (a meeting's action items, a dossier's records); after the next sync the other computers have it back too.</translation>
    </message>
    <message>
      <source>Deleted records</source>
      <translation>Deleted records</translation>
    </message>
    <message>
      <source>The recycle bin is empty.</source>
      <translation>The recycle bin is empty.</translation>
    </message>
    <message>
      <source>&amp;Restore</source>
      <translation>&amp;Restore</translation>
    </message>
    <message>
      <source>Restored: %1</source>
      <translation>Restored: %1</translation>
    </message>
  </context>
  <context>
    <name>RecycleBin</name>
    <message>
      <source>Record</source>
      <translation>Record</translation>
    </message>
    <message>
      <source>Dossier</source>
      <translation>Dossier</translation>
    </message>
    <message>
      <source>Deleted on</source>
      <translation>Deleted on</translation>
    </message>
    <message>
      <source>By</source>
      <translation>By</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Delete dossier…</source>
      <translation>Delete dossier…</translation>
    </message>
    <message>
      <source>Export &amp;PDF…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Se&amp;ttings…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Search dossiers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Back to the list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New &amp;meeting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New aftercare &amp;note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Overview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Timeline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Permits</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Aftercare</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;About Tutor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Sync now</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>C&amp;onflicts…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Changes &amp;waiting…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export changes to a &amp;file…</source>
      <translation>Export changes to a &amp;file…</translation>
    </message>
    <message>
      <source>&amp;Import a bundle…</source>
      <translation>&amp;Import a bundle…</translation>
    </message>
    <message>
      <source>&amp;Revert an imported bundle…</source>
      <translation>&amp;Revert an imported bundle…</translation>
    </message>
    <message>
      <source>&amp;Home</source>
      <translation>&amp;Home</translation>
    </message>
    <message>
      <source>&amp;Dossiers</source>
      <translation>&amp;Dossiers</translation>
    </message>
    <message>
      <source>Export my &amp;calendar…</source>
      <translation>Export my &amp;calendar…</translation>
    </message>
    <message>
      <source>My meetings and permit deadlines, as a file for Outlook</source>
      <translation>My meetings and permit deadlines, as a file for Outlook</translation>
    </message>
    <message>
      <source>&amp;Calendar of this dossier…</source>
      <translation>&amp;Calendar of this dossier…</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) written to %1. Give the file to a coordinator; the changes stay here and go up again at the next sync.</source>
      <translation>
        <numerusform>%n change written to %1. Give the file to a coordinator; the changes stay here and go up again at the next sync.</numerusform>
        <numerusform>%n changes written to %1. Give the file to a coordinator; the changes stay here and go up again at the next sync.</numerusform>
      </translation>
    </message>
    <message>
      <source>Export t&amp;able…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>D&amp;ashboard</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Delete dossier…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>AftercareTab</name>
    <message>
      <source>The note goes to the recycle bin: Ctrl+Z brings it back</source>
      <translation>The note goes to the recycle bin: Ctrl+Z brings it back</translation>
    </message>
  </context>
  <context>
    <name>CalendarExport</name>
    <message>
      <source>Export calendar</source>
      <translation>Export calendar</translation>
    </message>
    <message>
      <source>calendar</source>
      <translation>calendar</translation>
    </message>
    <message>
      <source>Calendars (*.ics)</source>
      <translation>Calendars (*.ics)</translation>
    </message>
    <message numerus="yes">
      <source>%n meeting(s) and</source>
      <translation>
        <numerusform>%n meeting and</numerusform>
        <numerusform>%n meetings and</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n permit deadline(s) written to %1.</source>
      <translation>
        <numerusform>%n permit deadline written to %1.</numerusform>
        <numerusform>%n permit deadlines written to %1.</numerusform>
      </translation>
    </message>
    <message>
      <source>In Outlook: File ▸ Open &amp; Export ▸ Import/Export, or open the file; importing a newer export updates these events.</source>
      <translation>In Outlook: File ▸ Open &amp; Export ▸ Import/Export, or open the file; importing a newer export updates these events.</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsDialog</name>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Keyboard shortcuts</translation>
    </message>
    <message>
      <source>Keys</source>
      <translation>Keys</translation>
    </message>
    <message>
      <source>What they do</source>
      <translation>What they do</translation>
    </message>
    <message>
      <source>Alt + underlined letter</source>
      <translation>Alt + underlined letter</translation>
    </message>
    <message>
      <source>Open a menu or a dossier tab</source>
      <translation>Open a menu or a dossier tab</translation>
    </message>
    <message>
      <source>Tab, Shift+Tab</source>
      <translation>Tab, Shift+Tab</translation>
    </message>
    <message>
      <source>Next, previous control (also out of a table)</source>
      <translation>Next, previous control (also out of a table)</translation>
    </message>
    <message>
      <source>Up, Down</source>
      <translation>Up, Down</translation>
    </message>
    <message>
      <source>Previous, next row of a list</source>
      <translation>Previous, next row of a list</translation>
    </message>
    <message>
      <source>Enter</source>
      <translation>Enter</translation>
    </message>
    <message>
      <source>Open the dossier or the record of the row</source>
      <translation>Open the dossier or the record of the row</translation>
    </message>
    <message>
      <source>Esc</source>
      <translation>Esc</translation>
    </message>
    <message>
      <source>From a dossier, back to the list (when not typing in a field)</source>
      <translation>From a dossier, back to the list (when not typing in a field)</translation>
    </message>
    <message>
      <source>Down (in the search box)</source>
      <translation>Down (in the search box)</translation>
    </message>
    <message>
      <source>Into the dossier list</source>
      <translation>Into the dossier list</translation>
    </message>
    <message>
      <source>Alt+Down, F4 (in a date)</source>
      <translation>Alt+Down, F4 (in a date)</translation>
    </message>
    <message>
      <source>Open the calendar; arrows move, Enter picks</source>
      <translation>Open the calendar; arrows move, Enter picks</translation>
    </message>
    <message>
      <source>Space (on a row of My actions)</source>
      <translation>Space (on a row of My actions)</translation>
    </message>
    <message>
      <source>Tick the action item done, or not done</source>
      <translation>Tick the action item done, or not done</translation>
    </message>
    <message>
      <source>Delete (in the action items)</source>
      <translation>Delete (in the action items)</translation>
    </message>
    <message>
      <source>Delete the selected action item</source>
      <translation>Delete the selected action item</translation>
    </message>
    <message>
      <source>F2 (in the action items)</source>
      <translation>F2 (in the action items)</translation>
    </message>
    <message>
      <source>Change the selected cell</source>
      <translation>Change the selected cell</translation>
    </message>
  </context>
<context>
  <name>NewDossierDialog</name>
  <message>
    <source>&amp;Create investor</source>
    <translation type="unfinished" />
  </message>
  <message numerus="yes">
    <source>%1 (%2) is here already, in %n dossier(s). Press Create investor again to make another.</source>
    <translation>
      <numerusform>%1 (%2) is here already, in %n dossier. Press Create investor again to make another.</numerusform>
      <numerusform>%1 (%2) is here already, in %n dossiers. Press Create investor again to make another.</numerusform>
    </translation>
  </message>
</context>
<context>
  <name>InvestorMergeDialog</name>
  <message>
    <source>Merge investors</source>
    <translation>Merge investors</translation>
  </message>
  <message>
    <source>Tick the records that are one company, then choose the one to keep. Its dossiers and contacts gather on it; the others are kept as merged records.</source>
    <translation>Tick the records that are one company, then choose the one to keep. Its dossiers and contacts gather on it; the others are kept as merged records.</translation>
  </message>
  <message>
    <source>Filter by name</source>
    <translation>Filter by name</translation>
  </message>
  <message>
    <source>Name</source>
    <translation>Name</translation>
  </message>
  <message>
    <source>Country</source>
    <translation>Country</translation>
  </message>
  <message>
    <source>VAT number</source>
    <translation>VAT number</translation>
  </message>
  <message>
    <source>Sector</source>
    <translation>Sector</translation>
  </message>
  <message>
    <source>Contacts</source>
    <translation>Contacts</translation>
  </message>
  <message>
    <source>Dossiers</source>
    <translation>Dossiers</translation>
  </message>
  <message>
    <source>Keep:</source>
    <translation>Keep:</translation>
  </message>
  <message>
    <source>Close</source>
    <translation>Close</translation>
  </message>
  <message>
    <source>Merge</source>
    <translation>Merge</translation>
  </message>
  <message>
    <source>Undo the merge</source>
    <translation>Undo the merge</translation>
  </message>
  <message>
    <source>The merge was undone.</source>
    <translation>The merge was undone.</translation>
  </message>
  <message numerus="yes">
    <source>%n investor(s) merged into “%1”: %2 dossier(s) moved. The merge reaches everyone at the next sync.</source>
    <translation>
      <numerusform>%n investor merged into “%1”; dossiers moved: %2. The merge reaches everyone at the next sync.</numerusform>
      <numerusform>%n investors merged into “%1”; dossiers moved: %2. The merge reaches everyone at the next sync.</numerusform>
    </translation>
  </message>
</context>
<context>
  <name>MainWindow</name>
  <message>
    <source>New in&amp;vestor…</source>
    <translation type="unfinished" />
  </message>
  <message>
    <source>Investor created: New dossier (Ctrl+N) finds it.</source>
    <translation type="unfinished" />
  </message>
  <message>
    <source>&amp;Merge investors…</source>
    <translation>&amp;Merge investors…</translation>
  </message>
  <message>
    <source>Coordinators: one company entered twice becomes one record</source>
    <translation>Coordinators: one company entered twice becomes one record</translation>
  </message>
  <message>
    <source>Merge investors</source>
    <translation>Merge investors</translation>
  </message>
  <message>
    <source>Only a coordinator can merge investors.</source>
    <translation>Only a coordinator can merge investors.</translation>
  </message>
</context>
  <context>
    <name>DossierListPage</name>
    <message numerus="yes">
      <source>Total of the %n selected dossier(s): %1 capex · %2 new hires</source>
      <translation>
        <numerusform>Total of the selected dossier: %1 capex · %2 new hires</numerusform>
        <numerusform>Total of the %n selected dossiers: %1 capex · %2 new hires</numerusform>
      </translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Open</translation>
    </message>
    <message numerus="yes">
      <source>Export the %n selected dossier(s)…</source>
      <translation>
        <numerusform>Export the selected dossier…</numerusform>
        <numerusform>Export the %n selected dossiers…</numerusform>
      </translation>
    </message>
    <message>
      <source>dossiers</source>
      <translation>dossiers</translation>
    </message>
  </context>
  <context>
    <name>SavedViewsBar</name>
    <message>
      <source>Saved views</source>
      <translation>Saved views</translation>
    </message>
    <message>
      <source>Saved views: pick one to show the list as it was saved</source>
      <translation>Saved views: pick one to show the list as it was saved</translation>
    </message>
    <message>
      <source>Views</source>
      <translation>Views</translation>
    </message>
    <message>
      <source>Saved views menu</source>
      <translation>Saved views menu</translation>
    </message>
    <message>
      <source>Save the current view…</source>
      <translation>Save the current view…</translation>
    </message>
    <message>
      <source>Rename the view…</source>
      <translation>Rename the view…</translation>
    </message>
    <message>
      <source>Delete the view</source>
      <translation>Delete the view</translation>
    </message>
    <message numerus="yes">
      <source>Saved views (%n)</source>
      <translation>
        <numerusform>Saved views (%n)</numerusform>
        <numerusform>Saved views (%n)</numerusform>
      </translation>
    </message>
    <message>
      <source>Name of the view:</source>
      <translation>Name of the view:</translation>
    </message>
    <message>
      <source>Save the current view</source>
      <translation>Save the current view</translation>
    </message>
    <message>
      <source>A view named &quot;%1&quot; exists. Replace it with what the list shows now?</source>
      <translation>A view named &quot;%1&quot; exists. Replace it with what the list shows now?</translation>
    </message>
    <message>
      <source>Rename the view</source>
      <translation>Rename the view</translation>
    </message>
    <message>
      <source>Delete the saved view &quot;%1&quot;? The dossiers are not touched.</source>
      <translation>Delete the saved view &quot;%1&quot;? The dossiers are not touched.</translation>
    </message>
  </context>
  <context>
    <name>OverviewTab</name>
    <message>
      <source>VAT number / tax code</source>
      <translation>VAT number / tax code</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>This is not a valid partita IVA: the check digit does not match. Check the eleven digits.</source>
      <translation>This is not a valid partita IVA: the check digit does not match. Check the eleven digits.</translation>
    </message>
    <message>
      <source>A VAT number or tax code has letters and digits only.</source>
      <translation>A VAT number or tax code has letters and digits only.</translation>
    </message>
  </context>
  <context>
    <name>DossierListPage</name>
    <message numerus="yes">
      <source>Assign %n dossier(s) to a tutor…</source>
      <translation>
        <numerusform>Assign the dossier to a tutor…</numerusform>
        <numerusform>Assign the %n dossiers to a tutor…</numerusform>
      </translation>
    </message>
    <message>
      <source>Assign to a tutor</source>
      <translation>Assign to a tutor</translation>
    </message>
    <message numerus="yes">
      <source>Tutor who follows the %n dossier(s):</source>
      <translation>
        <numerusform>Tutor who follows the dossier:</numerusform>
        <numerusform>Tutor who follows the %n dossiers:</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Only a coordinator assigns dossiers to tutors.</source>
      <translation>Only a coordinator assigns dossiers to tutors.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Import a spreads&amp;heet…</source>
      <translation>Import a spreads&amp;heet…</translation>
    </message>
    <message>
      <source>Investors and projects from a CSV file or an Excel workbook</source>
      <translation>Investors and projects from a CSV file or an Excel workbook</translation>
    </message>
  </context>
  <context>
    <name>PlanRowsModel</name>
    <message>
      <source>Row</source>
      <translation>Row</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <source>Column</source>
      <translation>Column</translation>
    </message>
    <message>
      <source>What the import does</source>
      <translation>What the import does</translation>
    </message>
  </context>
  <context>
    <name>SpreadsheetImportWizard</name>
    <message>
      <source>Import a spreadsheet</source>
      <translation>Import a spreadsheet</translation>
    </message>
    <message>
      <source>&amp;Import</source>
      <translation>&amp;Import</translation>
    </message>
    <message>
      <source>&amp;Next &gt;</source>
      <translation>&amp;Next &gt;</translation>
    </message>
    <message>
      <source>&lt; &amp;Back</source>
      <translation>&lt; &amp;Back</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>&amp;Close</source>
      <translation>&amp;Close</translation>
    </message>
  </context>
  <context>
    <name>FilePage</name>
    <message>
      <source>1. The spreadsheet</source>
      <translation>1. The spreadsheet</translation>
    </message>
    <message>
      <source>A CSV file or an Excel workbook of investors and projects; you can also drop it here.</source>
      <translation>A CSV file or an Excel workbook of investors and projects; you can also drop it here.</translation>
    </message>
    <message>
      <source>No file chosen</source>
      <translation>No file chosen</translation>
    </message>
    <message>
      <source>C&amp;hoose…</source>
      <translation>C&amp;hoose…</translation>
    </message>
    <message>
      <source>Import a spreadsheet</source>
      <translation>Import a spreadsheet</translation>
    </message>
    <message>
      <source>Spreadsheets (*.csv *.xlsx *.txt)</source>
      <translation>Spreadsheets (*.csv *.xlsx *.txt)</translation>
    </message>
    <message numerus="yes">
      <source>Read as: %1. Header at row %2, %n column(s).</source>
      <translation>
        <numerusform>Read as: %1. Header at row %2, %n column.</numerusform>
        <numerusform>Read as: %1. Header at row %2, %n columns.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>MappingPage</name>
    <message>
      <source>2. The columns</source>
      <translation>2. The columns</translation>
    </message>
    <message>
      <source>Which field each column of the file holds, as found from its name. Change what is wrong; a column set to “not imported” is left out.</source>
      <translation>Which field each column of the file holds, as found from its name. Change what is wrong; a column set to “not imported” is left out.</translation>
    </message>
    <message>
      <source>Saved mapping:</source>
      <translation>Saved mapping:</translation>
    </message>
    <message>
      <source>&amp;Save mapping as…</source>
      <translation>&amp;Save mapping as…</translation>
    </message>
    <message>
      <source>Column in the file</source>
      <translation>Column in the file</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Field</translation>
    </message>
    <message>
      <source>(automatic, from the column names)</source>
      <translation>(automatic, from the column names)</translation>
    </message>
    <message>
      <source>(no name)</source>
      <translation>(no name)</translation>
    </message>
    <message>
      <source>— not imported —</source>
      <translation>— not imported —</translation>
    </message>
    <message numerus="yes">
      <source>Required field(s) with no column: %1. Choose the column that holds them.</source>
      <translation>
        <numerusform>Required field with no column: %1. Choose the column that holds it.</numerusform>
        <numerusform>Required fields with no column: %1. Choose the columns that hold them.</numerusform>
      </translation>
    </message>
    <message>
      <source>Save mapping</source>
      <translation>Save mapping</translation>
    </message>
    <message>
      <source>Name of the mapping:</source>
      <translation>Name of the mapping:</translation>
    </message>
  </context>
  <context>
    <name>PreviewPage</name>
    <message>
      <source>3. Dry run</source>
      <translation>3. Dry run</translation>
    </message>
    <message>
      <source>What every row would do. Nothing is written until you click Import.</source>
      <translation>What every row would do. Nothing is written until you click Import.</translation>
    </message>
    <message>
      <source>&amp;Stop</source>
      <translation>&amp;Stop</translation>
    </message>
    <message>
      <source>Show only the &amp;errors</source>
      <translation>Show only the &amp;errors</translation>
    </message>
    <message>
      <source>Save the errors to E&amp;xcel…</source>
      <translation>Save the errors to E&amp;xcel…</translation>
    </message>
    <message>
      <source>Import only the &amp;valid rows</source>
      <translation>Import only the &amp;valid rows</translation>
    </message>
    <message>
      <source>Reading the file…</source>
      <translation>Reading the file…</translation>
    </message>
    <message>
      <source>Dry run stopped: nothing was written.</source>
      <translation>Dry run stopped: nothing was written.</translation>
    </message>
    <message>
      <source>%1 rows: new investors %2, new dossiers %3, updated %4, unchanged %5, duplicates %6, with errors %7.
Estimated capex %8, new hires %9.</source>
      <translation>%1 rows: new investors %2, new dossiers %3, updated %4, unchanged %5, duplicates %6, with errors %7.
Estimated capex %8, new hires %9.</translation>
    </message>
    <message numerus="yes">
      <source>Import is off: %n row(s) have errors. Correct the file and read it again, or tick “Import only the valid rows”.</source>
      <translation>
        <numerusform>Import is off: %n row has errors. Correct the file and read it again, or tick “Import only the valid rows”.</numerusform>
        <numerusform>Import is off: %n rows have errors. Correct the file and read it again, or tick “Import only the valid rows”.</numerusform>
      </translation>
    </message>
    <message>
      <source>Nothing to import: every row is already in your dossiers.</source>
      <translation>Nothing to import: every row is already in your dossiers.</translation>
    </message>
    <message>
      <source>Save the errors</source>
      <translation>Save the errors</translation>
    </message>
    <message>
      <source>Excel workbooks (*.xlsx)</source>
      <translation>Excel workbooks (*.xlsx)</translation>
    </message>
  </context>
  <context>
    <name>WritePage</name>
    <message>
      <source>4. Import</source>
      <translation>4. Import</translation>
    </message>
    <message>
      <source>Writing…</source>
      <translation>Writing…</translation>
    </message>
    <message>
      <source>Imported: %1 new dossier(s), %2 updated, %3 new investor(s), %4 completed. The changes go to the server with the next sync.</source>
      <translation>Imported: new dossiers %1, updated %2, new investors %3, completed %4. The changes go to the server with the next sync.</translation>
    </message>
    <message numerus="yes">
      <source>%n row(s) with errors left out.</source>
      <translation>
        <numerusform>%n wrong row left out.</numerusform>
        <numerusform>%n wrong rows left out.</numerusform>
      </translation>
    </message>
    <message>
      <source>Nothing was written.</source>
      <translation>Nothing was written.</translation>
    </message>
  </context>
    <context>
        <name>Errors</name>
        <message>
            <source>Choose at least two investors to merge.</source>
            <translation>Choose at least two investors to merge.</translation>
        </message>
        <message>
            <source>One of the investors was deleted or merged meanwhile (perhaps by a sync): choose again.</source>
            <translation>One of the investors was deleted or merged meanwhile (perhaps by a sync): choose again.</translation>
        </message>
        <message>
            <source>The investor to keep was deleted meanwhile (perhaps by a sync): choose again.</source>
            <translation>The investor to keep was deleted meanwhile (perhaps by a sync): choose again.</translation>
        </message>
    </context>
    <context>
        <name>InvestorMergeDialog</name>
        <message>
            <source>the merge into “%1”</source>
            <translation>the merge into “%1”</translation>
        </message>
    </context>
    <context>
        <name>SavedViewsBar</name>
        <message>
            <source>the saved view &quot;%1&quot;</source>
            <translation>the saved view &quot;%1&quot;</translation>
        </message>
        <message>
            <source>Saved view deleted: &quot;%1&quot;</source>
            <translation>Saved view deleted: &quot;%1&quot;</translation>
        </message>
    </context>
    <context>
        <name>UndoController</name>
        <message>
            <source>Undone: %1</source>
            <translation>Undone: %1</translation>
        </message>
        <message>
            <source>&amp;Undo: %1</source>
            <translation>&amp;Undo: %1</translation>
        </message>
    </context>
    <context>
        <name>WritePage</name>
        <message>
            <source>&amp;Stop</source>
            <translation>&amp;Stop</translation>
        </message>
        <message>
            <source>Stop the import: nothing is written</source>
            <translation>Stop the import: nothing is written</translation>
        </message>
        <message>
            <source>Stopping…</source>
            <translation>Stopping…</translation>
        </message>
        <message>
            <source>Import stopped: nothing was written. Close this window; the file can be imported again whenever you want.</source>
            <translation>Import stopped: nothing was written. Close this window; the file can be imported again whenever you want.</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>All phases</source>
            <translation>All phases</translation>
        </message>
        <message>
            <source>All sectors</source>
            <translation>All sectors</translation>
        </message>
        <message>
            <source>All provinces</source>
            <translation>All provinces</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>TLS mode, for IT: %1</source>
            <translation>TLS mode, for IT: %1</translation>
        </message>
        <message>
            <source>encrypted, the server&apos;s identity checked</source>
            <translation>encrypted, the server&apos;s identity checked</translation>
        </message>
        <message>
            <source>encrypted, the server&apos;s certificate checked but not its name</source>
            <translation>encrypted, the server&apos;s certificate checked but not its name</translation>
        </message>
        <message>
            <source>encrypted, the server&apos;s identity not checked</source>
            <translation>encrypted, the server&apos;s identity not checked</translation>
        </message>
        <message>
            <source>encrypted if the server offers it</source>
            <translation>encrypted if the server offers it</translation>
        </message>
        <message>
            <source>encrypted only if the server asks for it</source>
            <translation>encrypted only if the server asks for it</translation>
        </message>
        <message>
            <source>not encrypted</source>
            <translation>not encrypted</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Set up the &amp;server…</source>
            <translation>Set up the &amp;server…</translation>
        </message>
        <message>
            <source>A demo profile never syncs: create your own profile to sync.</source>
            <translation>A demo profile never syncs: create your own profile to sync.</translation>
        </message>
        <message>
            <source>No server is set yet: enter its address in Settings to sync (F5)</source>
            <translation>No server is set yet: enter its address in Settings to sync (F5)</translation>
        </message>
    </context>
</TS>
