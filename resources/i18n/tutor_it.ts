<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>AddPermitDialog</name>
    <message>
        <source>Add permit</source>
        <translation>Aggiungi titolo abilitativo</translation>
    </message>
    <message>
        <source>Permit type</source>
        <translation>Tipo di titolo</translation>
    </message>
    <message>
        <source>Custom permit…</source>
        <translation>Titolo personalizzato…</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Name of the permit</source>
        <translation>Nome del titolo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Competent authority</source>
        <translation>Autorità competente</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Autorità</translation>
    </message>
    <message>
        <source>A permit that is not in the catalogue: give it a name.</source>
        <translation>Un titolo che non è nel catalogo: dagli un nome.</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n giorno</numerusform>
            <numerusform>%n giorni</numerusform>
        </translation>
    </message>
    <message>
        <source>Legal limit</source>
        <translation>Termine di legge</translation>
    </message>
</context>
<context>
    <name>AdvanceDialog</name>
    <message>
        <source>Advance the phase</source>
        <translation>Avanza di fase</translation>
    </message>
    <message>
        <source>The project entered the phase “%1” (%2) on:</source>
        <translation>Il progetto è entrato nella fase «%1» (%2) il:</translation>
    </message>
    <message>
        <source>Date the phase was entered</source>
        <translation>Data di ingresso nella fase</translation>
    </message>
</context>
<context>
    <name>AftercareTab</name>
    <message>
        <source>New note</source>
        <translation>Nuova nota</translation>
    </message>
    <message>
        <source>New aftercare note (Ctrl+Shift+N)</source>
        <translation>Nuova nota di aftercare (Ctrl+Maiusc+N)</translation>
    </message>
    <message>
        <source>Aftercare notes</source>
        <translation>Note di aftercare</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Argomento</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>What the company said, what was agreed, what to check…</source>
        <translation>Cosa ha detto l&apos;azienda, cosa si è concordato, cosa verificare…</translation>
    </message>
    <message>
        <source>Follow-up on</source>
        <translation>Follow-up il</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>Elimina nota</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n nota</numerusform>
            <numerusform>%n note</numerusform>
        </translation>
    </message>
    <message>
        <source>No notes yet: “New note” starts one.</source>
        <translation>Ancora nessuna nota: «Nuova nota» ne inizia una.</translation>
    </message>
    <message>
        <source>New note (saved as soon as you type)</source>
        <translation>Nuova nota (salvata mentre scrivi)</translation>
    </message>
    <message>
        <source>The note goes to the recycle bin: Ctrl+Z brings it back</source>
        <translation>La nota va nel cestino: Ctrl+Z la riporta</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>Errore imprevisto</translation>
    </message>
    <message>
        <source>Something went wrong inside Tutor. Your saved data is safe: every change is stored as soon as you make it.
Please copy the details below and send them to support.</source>
        <translation>Qualcosa non ha funzionato in Tutor. I dati salvati sono al sicuro: ogni modifica viene registrata nel momento in cui la fai.
Copia i dettagli qui sotto e inviali all&apos;assistenza.</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Dettagli dell&apos;errore</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copia i dettagli</translation>
    </message>
</context>
<context>
    <name>DossierList</name>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Progetto</translation>
    </message>
    <message>
        <source>Investor</source>
        <translation>Investitore</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Paese</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Settore</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Fase</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Capex</source>
        <translation>Capex</translation>
    </message>
    <message>
        <source>Hires</source>
        <translation>Addetti</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>Tutor</source>
        <translation>Tutor</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Country of origin</source>
        <translation>Paese di origine</translation>
    </message>
    <message>
        <source>Expected new hires</source>
        <translation>Nuovi addetti previsti</translation>
    </message>
    <message>
        <source>Next legal deadline of a permit</source>
        <translation>Prossima scadenza di legge di un titolo</translation>
    </message>
    <message>
        <source>Changes waiting to be synced</source>
        <translation>Modifiche in attesa di sincronizzazione</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n scaduto</numerusform>
            <numerusform>%n scaduti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be synced</source>
        <translation>
            <numerusform>%n modifica in attesa di sincronizzazione</numerusform>
            <numerusform>%n modifiche in attesa di sincronizzazione</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n permit(s) past their legal deadline</source>
        <translation>
            <numerusform>%n titolo oltre il termine di legge</numerusform>
            <numerusform>%n titoli oltre il termine di legge</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message>
        <source>Dossiers</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Search title, investor, municipality, minutes and notes…  (Ctrl+F)</source>
        <translation>Cerca per titolo, investitore, comune, verbali e note…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search dossiers</source>
        <translation>Cerca nei dossier</translation>
    </message>
    <message>
        <source>All phases</source>
        <translation>Tutte le fasi</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Fase</translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation>Tutti i settori</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Settore</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tutti gli stati</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>All tutors</source>
        <translation>Tutti i tutor</translation>
    </message>
    <message>
        <source>Tutor</source>
        <translation>Tutor</translation>
    </message>
    <message>
        <source>Overdue permits only</source>
        <translation>Solo titoli scaduti</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Azzera filtri</translation>
    </message>
    <message>
        <source>Dossier list</source>
        <translation>Elenco dei dossier</translation>
    </message>
    <message>
        <source>My projects (%1)</source>
        <translation>I miei progetti (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n dossier(s)</source>
        <translation>
            <numerusform>%n dossier</numerusform>
            <numerusform>%n dossier</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 dossiers</source>
        <translation>%1 di %2 dossier</translation>
    </message>
    <message>
        <source>New dossier…</source>
        <translation>Nuovo dossier…</translation>
    </message>
    <message>
        <source>Make a new dossier (Ctrl+N)</source>
        <translation>Crea un nuovo dossier (Ctrl+N)</translation>
    </message>
    <message>
        <source>No dossiers yet. Make the first one, or sync with the server to receive those assigned to you.</source>
        <translation>Nessun dossier, per ora. Crea il primo, o sincronizza con il server per ricevere quelli assegnati a te.</translation>
    </message>
    <message>
        <source>Make the first dossier…</source>
        <translation>Crea il primo dossier…</translation>
    </message>
</context>
<context>
    <name>DossierPage</name>
    <message>
        <source>← Dossiers</source>
        <translation>← Dossier</translation>
    </message>
    <message>
        <source>Back to the dossier list (Alt+Left)</source>
        <translation>Torna all&apos;elenco dei dossier (Alt+Sinistra)</translation>
    </message>
    <message>
        <source>Save state</source>
        <translation>Stato del salvataggio</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Esporta PDF…</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Panoramica</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Cronologia</translation>
    </message>
    <message>
        <source>&amp;Permits</source>
        <translation>&amp;Titoli abilitativi</translation>
    </message>
    <message>
        <source>&amp;Aftercare</source>
        <translation>&amp;Aftercare</translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation>Salvato alle %1</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) of this dossier to sync</source>
        <translation>
            <numerusform>%n modifica del dossier da sincronizzare</numerusform>
            <numerusform>%n modifiche del dossier da sincronizzare</numerusform>
        </translation>
    </message>
    <message>
        <source>everything synced</source>
        <translation>tutto sincronizzato</translation>
    </message>
    <message>
        <source>nothing waiting to sync</source>
        <translation>nessuna modifica da sincronizzare</translation>
    </message>
</context>
<context>
    <name>DossierTables</name>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tavolo</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Luogo</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Azioni</translation>
    </message>
    <message numerus="yes">
        <source>%n open action item(s)</source>
        <translation>
            <numerusform>%n azione aperta</numerusform>
            <numerusform>%n azioni aperte</numerusform>
        </translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fatta</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Azione</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsabile</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <source>Permit</source>
        <translation>Titolo abilitativo</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Autorità</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Presentata</translation>
    </message>
    <message>
        <source>Legal limit</source>
        <translation>Termine</translation>
    </message>
    <message>
        <source>Legal deadline</source>
        <translation>Scadenza di legge</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Decisa</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n giorno</numerusform>
            <numerusform>%n giorni</numerusform>
        </translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>sospeso</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) late</source>
        <translation>
            <numerusform>in ritardo di %n giorno</numerusform>
            <numerusform>in ritardo di %n giorni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>tra %n giorno</numerusform>
            <numerusform>tra %n giorni</numerusform>
        </translation>
    </message>
    <message>
        <source>The legal deadline has passed</source>
        <translation>Il termine di legge è scaduto</translation>
    </message>
    <message>
        <source>The legal deadline is near</source>
        <translation>Il termine di legge è vicino</translation>
    </message>
    <message>
        <source>The term is suspended: documents were requested</source>
        <translation>Il termine è sospeso: sono state chieste integrazioni</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Argomento</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>This field is required.</source>
        <translation>Campo obbligatorio.</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>Inserisci un numero intero.</translation>
    </message>
    <message>
        <source>The value cannot be negative.</source>
        <translation>Il valore non può essere negativo.</translation>
    </message>
    <message>
        <source>Enter a date as DD/MM/YYYY.</source>
        <translation>Inserisci una data come GG/MM/AAAA.</translation>
    </message>
    <message>
        <source>Enter an amount in euro, e.g. %1.</source>
        <translation>Inserisci un importo in euro, ad es. %1.</translation>
    </message>
    <message>
        <source>Enter a valid e-mail address.</source>
        <translation>Inserisci un indirizzo e-mail valido.</translation>
    </message>
    <message>
        <source>The text is too long.</source>
        <translation>Il testo è troppo lungo.</translation>
    </message>
    <message>
        <source>Choose a province of Lombardy.</source>
        <translation>Scegli una provincia lombarda.</translation>
    </message>
    <message>
        <source>Choose a country from the list.</source>
        <translation>Scegli un paese dall&apos;elenco.</translation>
    </message>
    <message>
        <source>The due date is before the meeting.</source>
        <translation>La scadenza è precedente alla riunione.</translation>
    </message>
    <message>
        <source>The decision date is before the filing date.</source>
        <translation>La data della decisione è precedente alla presentazione.</translation>
    </message>
    <message>
        <source>The follow-up is before the date of the note.</source>
        <translation>Il follow-up è precedente alla data della nota.</translation>
    </message>
    <message>
        <source>The date is before the previous phase.</source>
        <translation>La data è precedente alla fase precedente.</translation>
    </message>
    <message>
        <source>The project has already entered this phase.</source>
        <translation>Il progetto è già entrato in questa fase.</translation>
    </message>
    <message>
        <source>The project is already past this phase.</source>
        <translation>Il progetto ha già superato questa fase.</translation>
    </message>
    <message>
        <source>Tutor</source>
        <translation>Tutor</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export dossier to PDF</source>
        <translation>Esporta il dossier in PDF</translation>
    </message>
    <message>
        <source>Export portfolio to PDF</source>
        <translation>Esporta il portafoglio in PDF</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Fase</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Settore</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Sezioni</translation>
    </message>
    <message>
        <source>Generate preview</source>
        <translation>Genera anteprima</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Salva…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Portfolio report</source>
        <translation>Rapporto di portafoglio</translation>
    </message>
    <message>
        <source>Generating the PDF…</source>
        <translation>Generazione del PDF…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annullamento…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s), ready to save.</source>
        <translation>
            <numerusform>%n pagina, pronta da salvare.</numerusform>
            <numerusform>%n pagine, pronte da salvare.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: no PDF was made.</source>
        <translation>Annullato: nessun PDF creato.</translation>
    </message>
    <message>
        <source>The PDF could not be made.</source>
        <translation>Non è stato possibile creare il PDF.</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>Salva PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>File PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Salvato in %1</translation>
    </message>
    <message>
        <source>Document control</source>
        <translation>Controllo del documento</translation>
    </message>
    <message>
        <source>Protocol no.</source>
        <translation>Protocollo n.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versione</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Riservato</translation>
    </message>
    <message>
        <source>Internal use</source>
        <translation>Uso interno</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Pubblico</translation>
    </message>
    <message>
        <source>Region default (%1)</source>
        <translation>Predefinita della regione (%1)</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Classificazione</translation>
    </message>
    <message>
        <source>One recipient per line</source>
        <translation>Un destinatario per riga</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>Distribuzione</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Firmato da</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) hold characters no font can print; the PDF shows � in their place:</source>
        <translation>
            <numerusform>%n campo contiene caratteri che nessun font può stampare; nel PDF compare � al loro posto:</numerusform>
            <numerusform>%n campi contengono caratteri che nessun font può stampare; nel PDF compare � al loro posto:</numerusform>
        </translation>
    </message>
    <message>
        <source>The PDF appears here: choose what it holds, then Generate preview.</source>
        <translation>Qui compare il PDF: scegli che cosa contiene, poi Genera anteprima.</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>gg/mm/aaaa</translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation>sconosciuto (%1)</translation>
    </message>
    <message>
        <source>Calendar (Alt+Down)</source>
        <translation>Calendario (Alt+Freccia giù)</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Capex followed</source>
        <translation>Capex seguito</translation>
    </message>
    <message>
        <source>Permits overdue</source>
        <translation>Titoli scaduti</translation>
    </message>
    <message>
        <source>Permits due in 14 days</source>
        <translation>Titoli in scadenza entro 14 giorni</translation>
    </message>
    <message>
        <source>Open action items</source>
        <translation>Azioni aperte</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>Follow-up in scadenza</translation>
    </message>
    <message>
        <source>Meetings in the next 14 days</source>
        <translation>Riunioni nei prossimi 14 giorni</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Working table</source>
        <translation>Tavolo</translation>
    </message>
    <message>
        <source>Permit deadlines: overdue and near</source>
        <translation>Scadenze dei titoli: scadute e imminenti</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <source>Permit</source>
        <translation>Titolo abilitativo</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Azione</translation>
    </message>
    <message>
        <source>Aftercare follow-ups</source>
        <translation>Follow-up di aftercare</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Hello, %1</source>
        <translation>Buongiorno, %1</translation>
    </message>
    <message>
        <source>New dossier…</source>
        <translation>Nuovo dossier…</translation>
    </message>
    <message>
        <source>Make a new dossier (Ctrl+N)</source>
        <translation>Crea un nuovo dossier (Ctrl+N)</translation>
    </message>
    <message>
        <source>Today is %1</source>
        <translation>Oggi è il %1</translation>
    </message>
    <message numerus="yes">
        <source>Today is %1 · %2 dossier(s) followed</source>
        <translation>
            <numerusform>Oggi è il %1 · %2 dossier seguito</numerusform>
            <numerusform>Oggi è il %1 · %2 dossier seguiti</numerusform>
        </translation>
    </message>
    <message>
        <source>My dossiers</source>
        <translation>I miei</translation>
    </message>
    <message>
        <source>My area</source>
        <translation>La mia area</translation>
    </message>
    <message>
        <source>The whole region</source>
        <translation>Tutta la regione</translation>
    </message>
    <message>
        <source>Sho&amp;wing:</source>
        <translation>&amp;Ambito:</translation>
    </message>
    <message>
        <source>Which dossiers Home counts</source>
        <translation>Quali dossier conta la Home</translation>
    </message>
    <message>
        <source>Which dossiers the figures and lists count; remembered</source>
        <translation>Quali dossier contano le cifre e gli elenchi; viene ricordato</translation>
    </message>
    <message>
        <source>Investor</source>
        <translation>Investitore</translation>
    </message>
    <message>
        <source>My actions: this week and overdue</source>
        <translation>Le mie azioni: questa settimana e scadute</translation>
    </message>
    <message>
        <source>Only mine</source>
        <translation>Solo le mie</translation>
    </message>
    <message>
        <source>The action items whose owner is you, by name</source>
        <translation>Le azioni che hanno te come responsabile, per nome</translation>
    </message>
    <message>
        <source>Show the list it counts (Enter)</source>
        <translation>Mostra l&apos;elenco che conta (Invio)</translation>
    </message>
    <message numerus="yes">
        <source>Today is %1 · %2 dossier(s) in my area</source>
        <translation>
            <numerusform>Oggi è il %1 · %2 dossier nella mia area</numerusform>
            <numerusform>Oggi è il %1 · %2 dossier nella mia area</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Today is %1 · %2 dossier(s) in the region</source>
        <translation>
            <numerusform>Oggi è il %1 · %2 dossier nella regione</numerusform>
            <numerusform>Oggi è il %1 · %2 dossier nella regione</numerusform>
        </translation>
    </message>
    <message>
        <source>Actions: this week and overdue</source>
        <translation>Azioni: questa settimana e scadute</translation>
    </message>
    <message>
        <source>No meeting in the next 14 days.</source>
        <translation>Nessuna riunione nei prossimi 14 giorni.</translation>
    </message>
    <message>
        <source>No permit deadline passed or near.</source>
        <translation>Nessun titolo abilitativo scaduto o in scadenza.</translation>
    </message>
    <message>
        <source>No action item due this week or overdue.</source>
        <translation>Nessuna azione in scadenza questa settimana o scaduta.</translation>
    </message>
    <message>
        <source>No aftercare follow-up due.</source>
        <translation>Nessun follow-up di aftercare in scadenza.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tutor — investment dossiers</source>
        <translation>Tutor — dossier degli investimenti</translation>
    </message>
    <message>
        <source>Invest in Lombardy</source>
        <translation>Invest in Lombardy</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>Esporta &amp;PDF…</translation>
    </message>
    <message>
        <source>PDF export is not part of this build yet</source>
        <translation>L&apos;esportazione PDF non è ancora in questa versione</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Impos&amp;tazioni…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Vai</translation>
    </message>
    <message>
        <source>&amp;Search dossiers</source>
        <translation>&amp;Cerca nei dossier</translation>
    </message>
    <message>
        <source>&amp;Back to the list</source>
        <translation>&amp;Torna all&apos;elenco</translation>
    </message>
    <message>
        <source>&amp;Dossier</source>
        <translation>&amp;Dossier</translation>
    </message>
    <message>
        <source>New &amp;meeting</source>
        <translation>Nuova &amp;riunione</translation>
    </message>
    <message>
        <source>New aftercare &amp;note</source>
        <translation>Nuova &amp;nota di aftercare</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Panoramica</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Cronologia</translation>
    </message>
    <message>
        <source>&amp;Permits</source>
        <translation>&amp;Titoli abilitativi</translation>
    </message>
    <message>
        <source>&amp;Aftercare</source>
        <translation>&amp;Aftercare</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;iuto</translation>
    </message>
    <message>
        <source>&amp;About Tutor</source>
        <translation>&amp;Informazioni su Tutor</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Esporta PDF</translation>
    </message>
    <message>
        <source>PDF export is not part of this build yet.</source>
        <translation>L&apos;esportazione PDF non è ancora in questa versione.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tutor&lt;/b&gt; %1&lt;br&gt;Dossiers of investment projects for project tutors.&lt;br&gt;Every change is saved on this computer at once and synced when a connection is available.</source>
        <translation>&lt;b&gt;Tutor&lt;/b&gt; %1&lt;br&gt;Dossier dei progetti di investimento per i tutor di progetto.&lt;br&gt;Ogni modifica è salvata subito su questo computer e sincronizzata quando c&apos;è una connessione.</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizza ora</translation>
    </message>
    <message>
        <source>Send your changes to the server and receive the others&apos; (F5)</source>
        <translation>Invia le tue modifiche al server e ricevi quelle degli altri (F5)</translation>
    </message>
    <message>
        <source>C&amp;onflicts…</source>
        <translation>C&amp;onflitti…</translation>
    </message>
    <message>
        <source>Changes &amp;waiting…</source>
        <translation>Modifiche in &amp;attesa…</translation>
    </message>
    <message>
        <source>Delete dossier…</source>
        <translation>Elimina dossier…</translation>
    </message>
    <message>
        <source>&amp;New dossier…</source>
        <translation>&amp;Nuovo dossier…</translation>
    </message>
    <message>
        <source>Demo region</source>
        <translation>Regione demo</translation>
    </message>
    <message>
        <source>The demo region could not be started.</source>
        <translation>Non è stato possibile aprire la regione demo.</translation>
    </message>
</context>
<context>
    <name>MeetingEditor</name>
    <message>
        <source>Delete meeting</source>
        <translation>Elimina riunione</translation>
    </message>
    <message>
        <source>Working table</source>
        <translation>Tavolo</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Data e ora</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Luogo</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Partecipanti</translation>
    </message>
    <message>
        <source>One per line: name (organisation)</source>
        <translation>Uno per riga: nome (ente)</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>Enti</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Ordine del giorno</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Verbale</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Decisioni</translation>
    </message>
    <message>
        <source>One decision per line</source>
        <translation>Una decisione per riga</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>Azioni</translation>
    </message>
    <message>
        <source>New action item…</source>
        <translation>Nuova azione…</translation>
    </message>
    <message>
        <source>New action item</source>
        <translation>Nuova azione</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsabile</translation>
    </message>
    <message>
        <source>Owner of the new action item</source>
        <translation>Responsabile della nuova azione</translation>
    </message>
    <message>
        <source>Due dd/mm/yyyy</source>
        <translation>Scadenza gg/mm/aaaa</translation>
    </message>
    <message>
        <source>Due date of the new action item</source>
        <translation>Scadenza della nuova azione</translation>
    </message>
    <message>
        <source>Add action</source>
        <translation>Aggiungi azione</translation>
    </message>
    <message>
        <source>New meeting (saved as soon as you type)</source>
        <translation>Nuova riunione (salvata mentre scrivi)</translation>
    </message>
    <message>
        <source>Delete this meeting and its action items?</source>
        <translation>Eliminare questa riunione e le sue azioni?</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Project</source>
        <translation>Progetto</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Settore</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funzione</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Estimated capex</source>
        <translation>Capex stimato</translation>
    </message>
    <message>
        <source>New hires</source>
        <translation>Nuovi addetti</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <source>ZIS (simplified investment zone)</source>
        <translation>ZIS (zona di investimento semplificata)</translation>
    </message>
    <message>
        <source>ZLS (simplified logistics zone)</source>
        <translation>ZLS (zona logistica semplificata)</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <source>Instruments and services</source>
        <translation>Strumenti e servizi</translation>
    </message>
    <message>
        <source>Instruments</source>
        <translation>Strumenti</translation>
    </message>
    <message>
        <source>Services given</source>
        <translation>Servizi erogati</translation>
    </message>
    <message>
        <source>Investor</source>
        <translation>Investitore</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Country of origin</source>
        <translation>Paese di origine</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sito web</translation>
    </message>
    <message>
        <source>Parent group</source>
        <translation>Gruppo di appartenenza</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatti</translation>
    </message>
    <message>
        <source>Tutors</source>
        <translation>Tutor</translation>
    </message>
    <message>
        <source>No contacts yet</source>
        <translation>Ancora nessun contatto</translation>
    </message>
    <message numerus="yes">
        <source>Investor of %n dossier(s) here: what you change in it changes in all of them.</source>
        <translation>
            <numerusform>Investitore di %n dossier qui: ciò che cambi vale per tutti.</numerusform>
            <numerusform>Investitore di %n dossier qui: ciò che cambi vale per tutti.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename the investor</source>
        <translation>Rinomina l&apos;investitore</translation>
    </message>
    <message numerus="yes">
        <source>%1 is the investor of %n dossier(s) you can see. Rename it to %2 in all of them?</source>
        <translation>
            <numerusform>%1 è l&apos;investitore di %n dossier che vedi. Rinominarlo in %2 in tutti?</numerusform>
            <numerusform>%1 è l&apos;investitore di %n dossier che vedi. Rinominarlo in %2 in tutti?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PermitsTab</name>
    <message>
        <source>Add permit…</source>
        <translation>Aggiungi titolo…</translation>
    </message>
    <message>
        <source>Permit checklist</source>
        <translation>Checklist dei titoli abilitativi</translation>
    </message>
    <message>
        <source>Permit</source>
        <translation>Titolo abilitativo</translation>
    </message>
    <message>
        <source>Competent authority</source>
        <translation>Autorità competente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Legal limit (days)</source>
        <translation>Termine di legge (giorni)</translation>
    </message>
    <message>
        <source>Submitted on</source>
        <translation>Presentata il</translation>
    </message>
    <message>
        <source>Expected by</source>
        <translation>Attesa entro</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>Decisa il</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Remove from checklist</source>
        <translation>Togli dalla checklist</translation>
    </message>
    <message numerus="yes">
        <source>%n permit(s)</source>
        <translation>
            <numerusform>%n titolo</numerusform>
            <numerusform>%n titoli</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 granted</source>
        <translation>%1 rilasciati</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n scaduto</numerusform>
            <numerusform>%n scaduti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due soon</source>
        <translation>
            <numerusform>%n in scadenza</numerusform>
            <numerusform>%n in scadenza</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suspended</source>
        <translation>
            <numerusform>%n sospeso</numerusform>
            <numerusform>%n sospesi</numerusform>
        </translation>
    </message>
    <message>
        <source>No legal term running.</source>
        <translation>Nessun termine di legge in corso.</translation>
    </message>
    <message>
        <source>Term suspended (documents requested); it would end on %1.</source>
        <translation>Termine sospeso (integrazioni richieste); scadrebbe il %1.</translation>
    </message>
    <message numerus="yes">
        <source>Legal deadline %1: passed %n day(s) ago.</source>
        <translation>
            <numerusform>Scadenza di legge %1: superata da %n giorno.</numerusform>
            <numerusform>Scadenza di legge %1: superata da %n giorni.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Legal deadline %1: %n day(s) left.</source>
        <translation>
            <numerusform>Scadenza di legge %1: manca %n giorno.</numerusform>
            <numerusform>Scadenza di legge %1: mancano %n giorni.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhaseStepper</name>
    <message>
        <source>Phases of the project</source>
        <translation>Fasi del progetto</translation>
    </message>
    <message>
        <source>current phase, entered on %1</source>
        <translation>fase attuale, iniziata il %1</translation>
    </message>
    <message>
        <source>entered on %1</source>
        <translation>iniziata il %1</translation>
    </message>
    <message>
        <source>not reached yet</source>
        <translation>non ancora raggiunta</translation>
    </message>
    <message>
        <source>Click to record that the project entered this phase</source>
        <translation>Clic per registrare l&apos;ingresso del progetto in questa fase</translation>
    </message>
    <message>
        <source>Click to undo this phase</source>
        <translation>Clic per annullare questa fase</translation>
    </message>
    <message>
        <source>Undo: the project is not in “%1”</source>
        <translation>Annulla: il progetto non è in «%1»</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation>Come il computer</translation>
    </message>
    <message>
        <source>The window is rebuilt in the new language; nothing you typed is lost.</source>
        <translation>La finestra viene ricostruita nella nuova lingua; nulla di ciò che hai scritto va perso.</translation>
    </message>
    <message>
        <source>Sync with the shared server</source>
        <translation>Sincronizzazione con il server condiviso</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <source>This is a demo profile: it never syncs with a real server.</source>
        <translation>Questo è un profilo dimostrativo: non si sincronizza mai con un server reale.</translation>
    </message>
    <message>
        <source>Not a server address: write it as postgresql://host:port/database, without a password.</source>
        <translation>Non è un indirizzo di server: scrivilo come postgresql://host:porta/database, senza password.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Given by IT. The password is asked at the first sync, once the server has answered, and kept in the system keyring.</source>
        <translation>Forniti dall&apos;IT. La password è chiesta alla prima sincronizzazione, quando il server ha risposto, e conservata nel portachiavi di sistema.</translation>
    </message>
    <message>
        <source>Enter a port between 1 and 65535 (usually 5432).</source>
        <translation>Inserisci una porta tra 1 e 65535 (di solito 5432).</translation>
    </message>
    <message>
        <source>Enter the server&apos;s name as IT gives it, e.g. db.regione.lombardia.it.</source>
        <translation>Inserisci il nome del server come lo dà l&apos;IT, ad es. db.regione.lombardia.it.</translation>
    </message>
    <message>
        <source>A database name has no spaces, slashes or question marks.</source>
        <translation>Il nome di un database non ha spazi, barre o punti interrogativi.</translation>
    </message>
    <message>
        <source>No server: this profile does not sync.</source>
        <translation>Nessun server: questo profilo non si sincronizza.</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>Indirizzo: %1</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Connessione: %1</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Sync state</source>
        <translation>Stato della sincronizzazione</translation>
    </message>
    <message>
        <source>Demo region: changes stay on this computer</source>
        <translation>Regione demo: le modifiche restano su questo computer</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>syncing…</source>
        <translation>sincronizzazione…</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n modifica in attesa</numerusform>
            <numerusform>%n modifiche in attesa</numerusform>
        </translation>
    </message>
    <message>
        <source>no changes waiting</source>
        <translation>nessuna modifica in attesa</translation>
    </message>
    <message>
        <source>last sync %1</source>
        <translation>ultima sincronizzazione %1</translation>
    </message>
    <message>
        <source>Show the changes waiting to be synced</source>
        <translation>Mostra le modifiche in attesa di sincronizzazione</translation>
    </message>
    <message>
        <source>sync not set up</source>
        <translation>sincronizzazione non configurata</translation>
    </message>
    <message>
        <source>sync failed</source>
        <translation>sincronizzazione non riuscita</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>mai sincronizzato</translation>
    </message>
</context>
<context>
    <name>TimelineTab</name>
    <message>
        <source>Show meetings of</source>
        <translation>Mostra le riunioni di</translation>
    </message>
    <message>
        <source>All working tables</source>
        <translation>Tutti i tavoli</translation>
    </message>
    <message>
        <source>With open actions</source>
        <translation>Con azioni aperte</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>Nuova riunione</translation>
    </message>
    <message>
        <source>New meeting (Ctrl+Shift+M)</source>
        <translation>Nuova riunione (Ctrl+Maiusc+M)</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Riunioni</translation>
    </message>
    <message numerus="yes">
        <source>%n meeting(s)</source>
        <translation>
            <numerusform>%n riunione</numerusform>
            <numerusform>%n riunioni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open action item(s)</source>
        <translation>
            <numerusform>%n azione aperta</numerusform>
            <numerusform>%n azioni aperte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TutorApp</name>
    <message>
        <source>Preparing the demo region…</source>
        <translation>Preparazione della regione demo…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Demo region</source>
        <translation>Regione demo</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to Tutor</source>
        <translation>Benvenuto in Tutor</translation>
    </message>
    <message>
        <source>Tutor keeps the dossiers of the investment projects you follow on this computer, so you can work during site visits without a connection. Tell us who you are to start; your role comes from the regional server at the first sync.</source>
        <translation>Tutor tiene su questo computer i dossier dei progetti di investimento che segui, così puoi lavorare durante i sopralluoghi anche senza connessione. Per iniziare dicci chi sei; il tuo ruolo arriva dal server regionale alla prima sincronizzazione.</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Il tuo nome</translation>
    </message>
    <message>
        <source>e.g. Maria Rossi</source>
        <translation>ad es. Maria Rossi</translation>
    </message>
    <message>
        <source>Your e-mail</source>
        <translation>La tua e-mail</translation>
    </message>
    <message>
        <source>name.surname@region.example</source>
        <translation>nome.cognome@regione.example</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Lingua</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nome</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>Explore the &amp;demo region</source>
        <translation>Esplora la regione &amp;demo</translation>
    </message>
    <message>
        <source>&amp;Create my profile</source>
        <translation>&amp;Crea il mio profilo</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts to look at</source>
        <translation>Conflitti da vedere</translation>
    </message>
    <message>
        <source>Two people changed the same thing, or the server refused a change. Nothing is lost: choose which version stays. Your choice is synced to everyone.</source>
        <translation>Due persone hanno cambiato la stessa cosa, oppure il server ha rifiutato una modifica. Nulla è perso: scegli quale versione resta. La tua scelta arriva a tutti con la sincronizzazione.</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>La tua versione</translation>
    </message>
    <message>
        <source>The other version</source>
        <translation>L&apos;altra versione</translation>
    </message>
    <message>
        <source>Merged text (edit it, then save)</source>
        <translation>Testo unito (modificalo, poi salva)</translation>
    </message>
    <message>
        <source>Merged text</source>
        <translation>Testo unito</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Tieni la mia</translation>
    </message>
    <message>
        <source>Keep the other</source>
        <translation>Tieni l&apos;altra</translation>
    </message>
    <message>
        <source>Save the merged text</source>
        <translation>Salva il testo unito</translation>
    </message>
    <message>
        <source>Restore the record</source>
        <translation>Ripristina</translation>
    </message>
    <message>
        <source>Confirm the deletion</source>
        <translation>Conferma l&apos;eliminazione</translation>
    </message>
    <message>
        <source>Seen, close it</source>
        <translation>Visto, chiudi</translation>
    </message>
    <message>
        <source>No conflicts: everything agrees.</source>
        <translation>Nessun conflitto: tutto coincide.</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflitti</translation>
    </message>
    <message>
        <source>Seen, remove from the list</source>
        <translation>Visto, togli dall&apos;elenco</translation>
    </message>
    <message>
        <source>Refused changes</source>
        <translation>Modifiche rifiutate</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vuoto)</translation>
    </message>
    <message>
        <source>Your values, kept here: %1</source>
        <translation>I tuoi valori, conservati qui: %1</translation>
    </message>
    <message>
        <source>Apply these values</source>
        <translation>Applica questi valori</translation>
    </message>
    <message>
        <source>Make this change again, as your own edit of the dossier: it is synced to everyone</source>
        <translation>Applica di nuovo questa modifica, a tuo nome, al dossier: arriva a tutti con la sincronizzazione</translation>
    </message>
    <message>
        <source>Version by %1</source>
        <translation>Versione di %1</translation>
    </message>
    <message>
        <source>One version</source>
        <translation>Una versione</translation>
    </message>
    <message>
        <source>The refused change</source>
        <translation>La modifica rifiutata</translation>
    </message>
    <message>
        <source>Now in the dossier</source>
        <translation>Ora nel dossier</translation>
    </message>
    <message>
        <source>Your edits</source>
        <translation>Le tue modifiche</translation>
    </message>
    <message>
        <source>Edits by %1</source>
        <translation>Modifiche di %1</translation>
    </message>
    <message>
        <source>The edits</source>
        <translation>Le modifiche</translation>
    </message>
    <message>
        <source>The deletion</source>
        <translation>L&apos;eliminazione</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Sync: password</source>
        <translation>Sincronizzazione: password</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>It is kept in the system keyring, never in a file.</source>
        <translation>Viene conservata nel portachiavi di sistema, mai in un file.</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronizza</translation>
    </message>
</context>
<context>
    <name>PendingChangesDialog</name>
    <message>
        <source>Changes waiting to be synced</source>
        <translation>Modifiche in attesa di sincronizzazione</translation>
    </message>
    <message>
        <source>They are saved on this computer and go up at the next sync.</source>
        <translation>Sono salvate su questo computer e vengono inviate alla prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>Nothing is waiting: every change has gone up to the server.</source>
        <translation>Nulla in attesa: ogni modifica è già sul server.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made on this computer, waiting to go up to the server:</source>
        <translation>
            <numerusform>%n modifica fatta su questo computer, in attesa di essere inviata al server:</numerusform>
            <numerusform>%n modifiche fatte su questo computer, in attesa di essere inviate al server:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dossier(s).</source>
        <translation>
            <numerusform>%n dossier.</numerusform>
            <numerusform>%n dossier.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>The server cannot be reached: your changes stay on this computer and go up as soon as it can.</source>
        <translation>Il server non è raggiungibile: le modifiche restano qui e saranno inviate appena possibile.</translation>
    </message>
    <message>
        <source>The server is busy; retrying shortly.</source>
        <translation>Il server è occupato, riprovo tra poco.</translation>
    </message>
    <message>
        <source>The password is needed: press Sync now (F5) to enter it.</source>
        <translation>Serve la password: premi Sincronizza ora (F5) per inserirla.</translation>
    </message>
    <message>
        <source>The server did not accept the user name or password: press Sync now (F5) to enter it again.</source>
        <translation>Il server non ha accettato nome utente o password: premi Sincronizza ora (F5) per inserirla di nuovo.</translation>
    </message>
    <message>
        <source>The server has been upgraded: update Tutor to sync. You can keep working; your changes stay on this computer.</source>
        <translation>Il server è stato aggiornato: aggiorna Tutor per sincronizzare. Puoi continuare a lavorare; le modifiche restano su questo computer.</translation>
    </message>
    <message>
        <source>The server is older than this Tutor: ask IT to upgrade it. Your changes stay on this computer.</source>
        <translation>Il server è più vecchio di questo Tutor: chiedi all&apos;assistenza di aggiornarlo. Le modifiche restano su questo computer.</translation>
    </message>
    <message>
        <source>The server does not allow this to your user.</source>
        <translation>Il server non lo consente al tuo utente.</translation>
    </message>
    <message>
        <source>No server set yet: enter its address and your user name in Settings.</source>
        <translation>Nessun server impostato: inserisci l&apos;indirizzo e il tuo nome utente in Impostazioni.</translation>
    </message>
    <message>
        <source>Enter the user name the server knows you by in Settings.</source>
        <translation>Inserisci in Impostazioni il nome utente con cui il server ti conosce.</translation>
    </message>
    <message>
        <source>Create your profile (name and e-mail) before the first sync.</source>
        <translation>Crea il tuo profilo (nome ed e-mail) prima della prima sincronizzazione.</translation>
    </message>
    <message>
        <source>The server address in Settings is not valid (postgresql://host:port/database).</source>
        <translation>L&apos;indirizzo del server in Impostazioni non è valido (postgresql://host:porta/database).</translation>
    </message>
</context>
<context>
    <name>SyncTables</name>
    <message>
        <source>Record</source>
        <translation>Scheda</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Cosa è successo</translation>
    </message>
    <message>
        <source>Other version by</source>
        <translation>Altra versione di</translation>
    </message>
    <message>
        <source>edited by two people</source>
        <translation>modificato da due persone</translation>
    </message>
    <message>
        <source>deleted while being edited</source>
        <translation>eliminato mentre veniva modificato</translation>
    </message>
    <message>
        <source>change refused</source>
        <translation>modifica rifiutata</translation>
    </message>
    <message>
        <source>Why the server refused it</source>
        <translation>Perché il server l&apos;ha rifiutata</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Nuovo valore</translation>
    </message>
    <message>
        <source>Changed on</source>
        <translation>Modificato il</translation>
    </message>
    <message>
        <source>(being sent)</source>
        <translation>(in invio)</translation>
    </message>
    <message>
        <source>Dossier, record, field</source>
        <translation>Dossier, scheda, campo</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Prima</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Ora</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n modifica</numerusform>
            <numerusform>%n modifiche</numerusform>
        </translation>
    </message>
    <message>
        <source>new</source>
        <translation>nuova scheda</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>eliminata</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>ripristinata</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modificata</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vuoto)</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Change contact</source>
        <translation>Modifica contatto</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nuovo contatto</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
</context>
<context>
    <name>ContactsBox</name>
    <message>
        <source>Add contact…</source>
        <translation>Aggiungi contatto…</translation>
    </message>
    <message>
        <source>Add a contact of the investor</source>
        <translation>Aggiungi un contatto dell&apos;investitore</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>modifica</translation>
    </message>
    <message>
        <source>remove</source>
        <translation>elimina</translation>
    </message>
    <message>
        <source>No contacts yet</source>
        <translation>Ancora nessun contatto</translation>
    </message>
    <message>
        <source>Remove contact</source>
        <translation>Elimina contatto</translation>
    </message>
    <message>
        <source>Remove %1 from the investor&apos;s contacts?</source>
        <translation>Eliminare %1 dai contatti dell&apos;investitore?</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Export changes to a &amp;file…</source>
        <translation>Esporta le modifiche su &amp;file…</translation>
    </message>
    <message>
        <source>With no network at all: a signed file a coordinator imports</source>
        <translation>Senza alcuna rete: un file firmato che un coordinatore importa</translation>
    </message>
    <message>
        <source>Export changes to a file</source>
        <translation>Esporta le modifiche su file</translation>
    </message>
    <message>
        <source>Tutor bundles (*.tutorbundle)</source>
        <translation>Pacchetti Tutor (*.tutorbundle)</translation>
    </message>
    <message>
        <source>This profile has never synced: sync once with the server first, then files can be exported when there is no network.</source>
        <translation>Questo profilo non si è mai sincronizzato: sincronizzalo una volta con il server, poi potrai esportare file quando non c&apos;è rete.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Import a bundle…</source>
        <translation>&amp;Importa un pacchetto…</translation>
    </message>
    <message>
        <source>Coordinators: apply a tutor&apos;s bundle file to the server</source>
        <translation>Coordinatori: applica al server il pacchetto di un tutor</translation>
    </message>
    <message>
        <source>&amp;Revert an imported bundle…</source>
        <translation>Annulla un pacchetto impo&amp;rtato…</translation>
    </message>
    <message>
        <source>Coordinators: take a bundle back; later edits become conflicts</source>
        <translation>Coordinatori: annulla un pacchetto; le modifiche successive diventano conflitti</translation>
    </message>
    <message>
        <source>Import a bundle</source>
        <translation>Importa un pacchetto</translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation>&amp;Home</translation>
    </message>
    <message>
        <source>&amp;Dossiers</source>
        <translation>&amp;Dossier</translation>
    </message>
    <message>
        <source>Export my &amp;calendar…</source>
        <translation>Esporta il mio &amp;calendario…</translation>
    </message>
    <message>
        <source>My meetings and permit deadlines, as a file for Outlook</source>
        <translation>Le mie riunioni e le scadenze dei titoli abilitativi, in un file per Outlook</translation>
    </message>
    <message>
        <source>&amp;Calendar of this dossier…</source>
        <translation>Esporta il cal&amp;endario di questo dossier…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Scorciatoie da tastiera</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) written to %1. Give the file to a coordinator; the changes stay here and go up again at the next sync.</source>
        <translation>
            <numerusform>%n modifica scritta in %1. Consegna il file a un coordinatore; la modifica resta qui e sarà inviata alla prossima sincronizzazione.</numerusform>
            <numerusform>%n modifiche scritte in %1. Consegna il file a un coordinatore; le modifiche restano qui e saranno inviate alla prossima sincronizzazione.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BundleImport</name>
    <message>
        <source>Import a bundle</source>
        <translation>Importa un pacchetto</translation>
    </message>
    <message>
        <source>The signature of this bundle cannot be verified (%1). Import it only if you know where the file comes from: its changes will be recorded as unverified.</source>
        <translation>La firma di questo pacchetto non può essere verificata (%1). Importalo solo se sai da dove viene il file: le sue modifiche saranno registrate come non verificate.</translation>
    </message>
    <message>
        <source>Import anyway</source>
        <translation>Importa comunque</translation>
    </message>
    <message>
        <source>Imported unverified, by your decision.</source>
        <translation>Importato senza verifica, per tua decisione.</translation>
    </message>
    <message>
        <source>Signature verified by this computer and by the server.</source>
        <translation>Firma verificata da questo computer e dal server.</translation>
    </message>
    <message numerus="yes">
        <source>Bundle of %1, made on %2 on the device %3: %n change(s).

Apply them to the server as that tutor&apos;s changes (the same rules as a sync)?</source>
        <translation>
            <numerusform>Pacchetto di %1, creato il %2 sul dispositivo %3: %n modifica.

Applicarla al server come modifica di quel tutor (con le stesse regole di una sincronizzazione)?</numerusform>
            <numerusform>Pacchetto di %1, creato il %2 sul dispositivo %3: %n modifiche.

Applicarle al server come modifiche di quel tutor (con le stesse regole di una sincronizzazione)?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s):</source>
        <translation>
            <numerusform>%n modifica:</numerusform>
            <numerusform>%n modifiche:</numerusform>
        </translation>
    </message>
    <message>
        <source>applied %1 · conflicts to look at %2 · already on the server %3 · refused %4.</source>
        <translation>applicate %1 · conflitti da vedere %2 · già sul server %3 · rifiutate %4.</translation>
    </message>
    <message numerus="yes">
        <source>Bundle of %1 made on %2 (%n change(s)).</source>
        <translation>
            <numerusform>Pacchetto di %1 creato il %2 (%n modifica).</numerusform>
            <numerusform>Pacchetto di %1 creato il %2 (%n modifiche).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) had their id already used by the bundle of %1 made on %2 with other values: both values are kept as conflicts to resolve.</source>
        <translation>
            <numerusform>%n modifica aveva l&apos;identificativo già usato dal pacchetto di %1 creato il %2 con altri valori: entrambi i valori restano come conflitti da risolvere.</numerusform>
            <numerusform>%n modifiche avevano l&apos;identificativo già usato dal pacchetto di %1 creato il %2 con altri valori: entrambi i valori restano come conflitti da risolvere.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BundleRevert</name>
    <message>
        <source>Revert an imported bundle</source>
        <translation>Annulla un pacchetto importato</translation>
    </message>
    <message>
        <source>There is no imported bundle left to revert.</source>
        <translation>Non c'è più alcun pacchetto importato da annullare.</translation>
    </message>
    <message>
        <source>Bundle to revert:</source>
        <translation>Pacchetto da annullare:</translation>
    </message>
    <message>
        <source>Revert %1? Each field it wrote gets back the value it had before, as a change of yours; a field edited after the bundle becomes a conflict to resolve.</source>
        <translation>Annullare %1? Ogni campo che ha scritto torna al valore di prima, come modifica tua; un campo modificato dopo il pacchetto diventa un conflitto da risolvere.</translation>
    </message>
</context>
<context>
    <name>InvestorModel</name>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Paese</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Dossier</translation>
    </message>
</context>
<context>
    <name>NewDossierDialog</name>
    <message>
        <source>New dossier</source>
        <translation>Nuovo dossier</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>In&amp;dietro</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Avanti</translation>
    </message>
    <message>
        <source>&amp;Create dossier</source>
        <translation>&amp;Crea dossier</translation>
    </message>
    <message>
        <source>Find the investor among those already here, or make a new one.</source>
        <translation>Cerca l&apos;investitore tra quelli già presenti, o creane uno nuovo.</translation>
    </message>
    <message>
        <source>Company name, e.g. Siemens AG</source>
        <translation>Nome dell&apos;azienda, ad es. Siemens AG</translation>
    </message>
    <message>
        <source>Search investors</source>
        <translation>Cerca investitori</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Paese</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Tutti i paesi</translation>
    </message>
    <message>
        <source>Country of the investors shown</source>
        <translation>Paese degli investitori mostrati</translation>
    </message>
    <message>
        <source>&amp;Investor</source>
        <translation>&amp;Investitore</translation>
    </message>
    <message>
        <source>Investors found</source>
        <translation>Investitori trovati</translation>
    </message>
    <message>
        <source>Ne&amp;w investor…</source>
        <translation>&amp;Nuovo investitore…</translation>
    </message>
    <message>
        <source>New investor</source>
        <translation>Nuovo investitore</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Country of origin</source>
        <translation>Paese di origine</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Settore</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sito web</translation>
    </message>
    <message>
        <source>&amp;Use that one</source>
        <translation>&amp;Usa quello</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatti</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Add &amp;another contact</source>
        <translation>Aggiungi un al&amp;tro contatto</translation>
    </message>
    <message>
        <source>← &amp;Search the existing investors</source>
        <translation>← &amp;Cerca tra gli investitori esistenti</translation>
    </message>
    <message>
        <source>Contact %1: %2</source>
        <translation>Contatto %1: %2</translation>
    </message>
    <message>
        <source>No investors here yet: make the first one.</source>
        <translation>Ancora nessun investitore: crea il primo.</translation>
    </message>
    <message>
        <source>No investor with this name: make a new one.</source>
        <translation>Nessun investitore con questo nome: creane uno nuovo.</translation>
    </message>
    <message>
        <source>Choose one and press Enter, or make a new investor.</source>
        <translation>Scegline uno e premi Invio, o crea un nuovo investitore.</translation>
    </message>
    <message>
        <source>Ne&amp;w investor «%1»…</source>
        <translation>&amp;Nuovo investitore «%1»…</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>e.g. New packaging line in Lodi</source>
        <translation>ad es. Nuova linea di confezionamento a Lodi</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funzione</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>Estimated capex</source>
        <translation>Capex stimato</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <source>First phase</source>
        <translation>Prima fase</translation>
    </message>
    <message>
        <source>Phase entered on</source>
        <translation>Fase iniziata il</translation>
    </message>
    <message>
        <source>The permit checklist starts from the template for the kind and function; the dossier is assigned to you and goes to the server at the next sync.</source>
        <translation>La checklist dei titoli abilitativi parte dal modello per tipo e funzione; il dossier è assegnato a te e va al server alla prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>&lt;b&gt;1. Investor&lt;/b&gt; › 2. Project</source>
        <translation>&lt;b&gt;1. Investitore&lt;/b&gt; › 2. Progetto</translation>
    </message>
    <message>
        <source>1. Investor › &lt;b&gt;2. Project&lt;/b&gt;</source>
        <translation>1. Investitore › &lt;b&gt;2. Progetto&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Investor: &lt;b&gt;%1&lt;/b&gt; (%2), in %n dossier(s) here</source>
        <translation>
            <numerusform>Investitore: &lt;b&gt;%1&lt;/b&gt; (%2), in %n dossier qui</numerusform>
            <numerusform>Investitore: &lt;b&gt;%1&lt;/b&gt; (%2), in %n dossier qui</numerusform>
        </translation>
    </message>
    <message>
        <source>New investor: &lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation>Nuovo investitore: &lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <source>Choose an investor from the list (Down arrow), or make a new one.</source>
        <translation>Scegli un investitore dall&apos;elenco (freccia giù), o creane uno nuovo.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) is here already, in %n dossier(s). Use that one, or press Next again to make another.</source>
        <translation>
            <numerusform>%1 (%2) c&apos;è già, in %n dossier. Usa quello, o premi di nuovo Avanti per crearne un altro.</numerusform>
            <numerusform>%1 (%2) c&apos;è già, in %n dossier. Usa quello, o premi di nuovo Avanti per crearne un altro.</numerusform>
        </translation>
    </message>
    <message>
        <source>New hires</source>
        <translation>Nuovi addetti</translation>
    </message>
    <message>
        <source>Investor: &lt;b&gt;%1&lt;/b&gt; (%2), in no dossier here yet</source>
        <translation>Investitore: &lt;b&gt;%1&lt;/b&gt; (%2), ancora in nessun dossier qui</translation>
    </message>
    <message>
        <source>%1 (%2) is here already, in no dossier yet. Use that one, or press Next again to make another.</source>
        <translation>%1 (%2) c&apos;è già, ancora in nessun dossier. Usa quello, o premi di nuovo Avanti per crearne un altro.</translation>
    </message>
    <message>
        <source>Close without making the dossier? What you typed is lost.</source>
        <translation>Chiudere senza creare il dossier? Ciò che hai scritto va perso.</translation>
    </message>
</context>
<context>
    <name>StartPanel</name>
    <message>
        <source>To start</source>
        <translation>Per cominciare</translation>
    </message>
    <message>
        <source>&amp;New dossier…</source>
        <translation>&amp;Nuovo dossier…</translation>
    </message>
    <message>
        <source>Set up the &amp;server…</source>
        <translation>Configura il &amp;server…</translation>
    </message>
    <message>
        <source>Explore the demo &amp;region</source>
        <translation>Es&amp;plora la regione demo</translation>
    </message>
    <message>
        <source>Make your first dossier</source>
        <translation>Crea il tuo primo dossier</translation>
    </message>
    <message>
        <source>An investor, the project and its phase: the permit checklist starts from its template. Ctrl+N, from anywhere.</source>
        <translation>Un investitore, il progetto e la sua fase: la checklist dei titoli parte dal suo modello. Ctrl+N, da qualsiasi pagina.</translation>
    </message>
    <message>
        <source>Connect to the region&apos;s server</source>
        <translation>Collegati al server della regione</translation>
    </message>
    <message>
        <source>Look around first</source>
        <translation>Prima dai un&apos;occhiata</translation>
    </message>
    <message>
        <source>The demo region opens in a window of its own, on made-up data that goes when it closes: nothing of it enters your profile.</source>
        <translation>La regione demo si apre in una finestra a parte, su dati inventati che spariscono alla chiusura: nulla entra nel tuo profilo.</translation>
    </message>
    <message>
        <source>This profile syncs with %1: Sync now (F5) receives the dossiers assigned to you.</source>
        <translation>Questo profilo si sincronizza con %1: Sincronizza ora (F5) riceve i dossier assegnati a te.</translation>
    </message>
    <message>
        <source>Change the &amp;server…</source>
        <translation>Cambia il &amp;server…</translation>
    </message>
    <message>
        <source>With the address IT gives you, the dossiers assigned to you arrive here and yours go to the region.</source>
        <translation>Con l&apos;indirizzo che ti dà l&apos;IT, qui arrivano i dossier assegnati a te e i tuoi vanno alla regione.</translation>
    </message>
</context>
<context>
    <name>WarningStrip</name>
    <message>
        <source>Dossier followed by %1: your edits reach them at the next sync.</source>
        <translation>Dossier seguito da %1: vedrà le tue modifiche alla prossima sincronizzazione.</translation>
    </message>
    <message numerus="yes">
        <source>Last update from the server %n day(s) ago: sync (F5) before editing, others may have changed it.</source>
        <translation>
            <numerusform>Ultimo aggiornamento dal server %n giorno fa: sincronizza (F5) prima di modificare, altri potrebbero averlo cambiato.</numerusform>
            <numerusform>Ultimo aggiornamento dal server %n giorni fa: sincronizza (F5) prima di modificare, altri potrebbero averlo cambiato.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Tutor</source>
        <translation>Informazioni su Tutor</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Informazioni</translation>
    </message>
    <message>
        <source>&amp;Third-party notices</source>
        <translation>Licenze di &amp;terze parti</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versione %1</translation>
    </message>
    <message>
        <source>Dossiers of investment projects for project tutors. Every change is saved on this computer at once and synced when a connection is available.</source>
        <translation>Dossier dei progetti di investimento per i tutor di progetto. Ogni modifica è salvata subito su questo computer e sincronizzata quando c&apos;è una connessione.</translation>
    </message>
    <message>
        <source>Tutor is free software under the European Union Public Licence v. 1.2 (EUPL-1.2). The window is drawn with Qt for Python (PySide6), used under the GNU LGPL v3: the other tabs show the notices and the licences, in their original language.</source>
        <translation>Tutor è software libero rilasciato con la Licenza Pubblica dell&apos;Unione Europea v. 1.2 (EUPL-1.2). La finestra è disegnata con Qt for Python (PySide6), usato secondo la GNU LGPL v3: le altre schede riportano le note e le licenze, nella loro lingua originale.</translation>
    </message>
</context>
<context>
    <name>CalendarExport</name>
    <message>
        <source>Export calendar</source>
        <translation>Esporta il calendario</translation>
    </message>
    <message>
        <source>calendar</source>
        <translation>calendario</translation>
    </message>
    <message>
        <source>Calendars (*.ics)</source>
        <translation>Calendari (*.ics)</translation>
    </message>
    <message numerus="yes">
        <source>%n meeting(s) and</source>
        <translation>
            <numerusform>%n riunione e</numerusform>
            <numerusform>%n riunioni e</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n permit deadline(s) written to %1.</source>
        <translation>
            <numerusform>%n scadenza di titolo abilitativo scritta in %1.</numerusform>
            <numerusform>%n scadenze di titoli abilitativi scritte in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>In Outlook: File ▸ Open &amp; Export ▸ Import/Export, or open the file; importing a newer export updates these events.</source>
        <translation>In Outlook: File ▸ Apri ed esporta ▸ Importa/Esporta, oppure apri il file; importare un file più recente aggiorna questi eventi.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Scorciatoie da tastiera</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasti</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Che cosa fanno</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + lettera sottolineata</translation>
    </message>
    <message>
        <source>Open a menu or a dossier tab</source>
        <translation>Apre un menu o una scheda del dossier</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Maiusc+Tab</translation>
    </message>
    <message>
        <source>Next, previous control (also out of a table)</source>
        <translation>Controllo successivo, precedente (anche per uscire da una tabella)</translation>
    </message>
    <message>
        <source>Up, Down</source>
        <translation>Freccia su, Freccia giù</translation>
    </message>
    <message>
        <source>Previous, next row of a list</source>
        <translation>Riga precedente, successiva di un elenco</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Invio</translation>
    </message>
    <message>
        <source>Open the dossier or the record of the row</source>
        <translation>Apre il dossier o la scheda della riga</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>From a dossier, back to the list (when not typing in a field)</source>
        <translation>Da un dossier, torna all&apos;elenco (se non stai scrivendo in un campo)</translation>
    </message>
    <message>
        <source>Down (in the search box)</source>
        <translation>Freccia giù (nella ricerca)</translation>
    </message>
    <message>
        <source>Into the dossier list</source>
        <translation>Passa all&apos;elenco dei dossier</translation>
    </message>
    <message>
        <source>Alt+Down, F4 (in a date)</source>
        <translation>Alt+Freccia giù, F4 (in una data)</translation>
    </message>
    <message>
        <source>Open the calendar; arrows move, Enter picks</source>
        <translation>Apre il calendario; le frecce si spostano, Invio sceglie</translation>
    </message>
    <message>
        <source>Space (on a row of My actions)</source>
        <translation>Spazio (su una riga di Le mie azioni)</translation>
    </message>
    <message>
        <source>Tick the action item done, or not done</source>
        <translation>Segna l&apos;azione come fatta, o da fare</translation>
    </message>
    <message>
        <source>Delete (in the action items)</source>
        <translation>Canc (nelle azioni)</translation>
    </message>
    <message>
        <source>Delete the selected action item</source>
        <translation>Elimina l&apos;azione selezionata</translation>
    </message>
    <message>
        <source>F2 (in the action items)</source>
        <translation>F2 (nelle azioni)</translation>
    </message>
    <message>
        <source>Change the selected cell</source>
        <translation>Modifica la cella selezionata</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>Cruscotto</translation>
    </message>
    <message>
        <source>Count:</source>
        <translation>Conta:</translation>
    </message>
    <message>
        <source>Which dossiers the figures count</source>
        <translation>Quali dossier contano le cifre</translation>
    </message>
    <message>
        <source>Bars show:</source>
        <translation>Le barre mostrano:</translation>
    </message>
    <message>
        <source>What the bars measure</source>
        <translation>Che cosa misurano le barre</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Progetti</translation>
    </message>
    <message>
        <source>Capex</source>
        <translation>Investimento</translation>
    </message>
    <message>
        <source>New hires</source>
        <translation>Nuovi addetti</translation>
    </message>
    <message>
        <source>By phase</source>
        <translation>Per fase</translation>
    </message>
    <message>
        <source>By status</source>
        <translation>Per stato</translation>
    </message>
    <message>
        <source>Announced vs active</source>
        <translation>Annunciati e attivi</translation>
    </message>
    <message>
        <source>Permits by competent authority</source>
        <translation>Titoli abilitativi per ente competente</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>scaduti</translation>
    </message>
    <message>
        <source>due within 14 days</source>
        <translation>in scadenza entro 14 giorni</translation>
    </message>
    <message>
        <source>By sector</source>
        <translation>Per settore</translation>
    </message>
    <message>
        <source>By province</source>
        <translation>Per provincia</translation>
    </message>
    <message>
        <source>By country of origin</source>
        <translation>Per paese di origine</translation>
    </message>
    <message>
        <source>By tutor</source>
        <translation>Per tutor</translation>
    </message>
    <message>
        <source>Per quarter</source>
        <translation>Per trimestre</translation>
    </message>
    <message>
        <source>new leads</source>
        <translation>nuovi lead</translation>
    </message>
    <message>
        <source>entries into a later phase</source>
        <translation>ingressi in una fase successiva</translation>
    </message>
    <message>
        <source>Nothing to count.</source>
        <translation>Niente da contare.</translation>
    </message>
    <message>
        <source>My dossiers</source>
        <translation>I miei</translation>
    </message>
    <message>
        <source>My area</source>
        <translation>La mia area</translation>
    </message>
    <message>
        <source>The whole region</source>
        <translation>Tutta la regione</translation>
    </message>
    <message numerus="yes">
        <source>Counting: %1 · %n dossier(s) · on %2</source>
        <translation>
            <numerusform>Conteggio: %1 · %n dossier · al %2</numerusform>
            <numerusform>Conteggio: %1 · %n dossier · al %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dossier(s)</source>
        <translation>
            <numerusform>%n dossier</numerusform>
            <numerusform>%n dossier</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 capex</source>
        <translation>%1 di investimento</translation>
    </message>
    <message>
        <source>%1 new hires</source>
        <translation>%1 nuovi addetti</translation>
    </message>
    <message numerus="yes">
        <source>Open the %n dossier(s) counted (%1)</source>
        <translation>
            <numerusform>Apri il dossier contato (%1)</numerusform>
            <numerusform>Apri gli %n dossier contati (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Fase</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Settore</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Paese</translation>
    </message>
    <message>
        <source>Tutor</source>
        <translation>Tutor</translation>
    </message>
    <message numerus="yes">
        <source>Other (%n)</source>
        <translation>
            <numerusform>Altri (%n)</numerusform>
            <numerusform>Altri (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non indicato</translation>
    </message>
    <message>
        <source>%1 — %2 dossier(s), %3 capex, %4 new hires</source>
        <translation>%1 — dossier: %2, investimento: %3, nuovi addetti: %4</translation>
    </message>
    <message>
        <source>authority not named</source>
        <translation>ente non indicato</translation>
    </message>
    <message>
        <source>Overdue permits at %1 · %2</source>
        <translation>Titoli scaduti presso %1 · %2</translation>
    </message>
    <message>
        <source>Permits due within 14 days at %1 · %2</source>
        <translation>Titoli in scadenza entro 14 giorni presso %1 · %2</translation>
    </message>
    <message>
        <source>Q%1 %2</source>
        <translation>T%1 %2</translation>
    </message>
    <message>
        <source>New leads in %1 · %2</source>
        <translation>Nuovi lead nel %1 · %2</translation>
    </message>
    <message>
        <source>Phase entries in %1 · %2</source>
        <translation>Ingressi in fase nel %1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n dossier(s)</source>
        <translation>
            <numerusform>%1 in %n dossier</numerusform>
            <numerusform>%1 in %n dossier</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message>
        <source>Show every dossier</source>
        <translation>Mostra tutti i dossier</translation>
    </message>
    <message>
        <source>From the dashboard: %1</source>
        <translation>Dal cruscotto: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>Cruscotto</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>Export table</source>
        <translation>Esporta tabella</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</source>
        <translation>Cartella di lavoro Excel (*.xlsx);;CSV per Excel (*.csv)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Export table…</source>
        <translation>Esporta…</translation>
    </message>
    <message>
        <source>The dossier list as shown, or the dashboard, to Excel or CSV</source>
        <translation>L&apos;elenco dei dossier come è mostrato, o il cruscotto, in Excel o CSV</translation>
    </message>
    <message>
        <source>dashboard</source>
        <translation>cruscotto</translation>
    </message>
    <message>
        <source>dossiers</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Esportato in %1</translation>
    </message>
    <message>
        <source>Export t&amp;able…</source>
        <translation>Esporta ta&amp;bella…</translation>
    </message>
    <message>
        <source>D&amp;ashboard</source>
        <translation>Cr&amp;uscotto</translation>
    </message>
    <message>
        <source>&amp;Delete dossier…</source>
        <translation>Eli&amp;mina il dossier…</translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message>
        <source>All provinces</source>
        <translation>Tutte le province</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Tutti i paesi</translation>
    </message>
    <message>
        <source>Country of origin</source>
        <translation>Paese di origine</translation>
    </message>
    <message>
        <source>All authorities</source>
        <translation>Tutti gli enti</translation>
    </message>
    <message>
        <source>Competent authority</source>
        <translation>Ente competente</translation>
    </message>
    <message>
        <source>Competent authority: the dossiers with a permit there (with &quot;Overdue permits only&quot;: an overdue one there)</source>
        <translation>Ente competente: i dossier con un titolo presso l&apos;ente (con &quot;Solo titoli scaduti&quot;: uno scaduto presso l&apos;ente)</translation>
    </message>
    <message>
        <source>Totals of the dossiers shown</source>
        <translation>Totali dei dossier mostrati</translation>
    </message>
    <message numerus="yes">
        <source>Total of the %n dossier(s) shown: %1 capex · %2 new hires</source>
        <translation>
            <numerusform>Totale del dossier mostrato: %1 di investimento · %2 nuovi addetti</numerusform>
            <numerusform>Totale dei %n dossier mostrati: %1 di investimento · %2 nuovi addetti</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UndoMessage</name>
    <message>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Undo the delete (Ctrl+Z)</source>
        <translation>Annulla l&apos;eliminazione (Ctrl+Z)</translation>
    </message>
</context>
<context>
    <name>UndoController</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annulla</translation>
    </message>
    <message>
        <source>Recycle &amp;bin…</source>
        <translation>&amp;Cestino…</translation>
    </message>
    <message>
        <source>What was deleted, when and by whom: restore it from here</source>
        <translation>Cosa è stato eliminato, quando e da chi: da qui si ripristina</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Modifica</translation>
    </message>
    <message>
        <source>Delete dossier</source>
        <translation>Elimina dossier</translation>
    </message>
    <message>
        <source>Delete %1? The dossier and everything in it go to the recycle bin (Edit ▸ Recycle bin), from where it can be restored.</source>
        <translation>Eliminare %1? Il dossier e tutto ciò che contiene vanno nel cestino (Modifica ▸ Cestino), da dove si possono ripristinare.</translation>
    </message>
    <message>
        <source>In the recycle bin: %1</source>
        <translation>Nel cestino: %1</translation>
    </message>
    <message>
        <source>Restored: %1</source>
        <translation>Ripristino eseguito: %1</translation>
    </message>
    <message>
        <source>&amp;Undo delete: %1</source>
        <translation>&amp;Annulla l&apos;eliminazione: %1</translation>
    </message>
</context>
<context>
    <name>RecycleBinDialog</name>
    <message>
        <source>Recycle bin</source>
        <translation>Cestino</translation>
    </message>
    <message>
        <source>What was deleted stays here. Restore puts it back where it was, with what it held (a meeting&apos;s action items, a dossier&apos;s records); after the next sync the other computers have it back too.</source>
        <translation>Ciò che è stato eliminato resta qui. Ripristina lo rimette al suo posto, con ciò che conteneva (le azioni di una riunione, i record di un dossier); dopo la prossima sincronizzazione torna anche sugli altri computer.</translation>
    </message>
    <message>
        <source>Deleted records</source>
        <translation>Elementi eliminati</translation>
    </message>
    <message>
        <source>The recycle bin is empty.</source>
        <translation>Il cestino è vuoto.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Ripristina</translation>
    </message>
    <message>
        <source>Restored: %1</source>
        <translation>Ripristino eseguito: %1</translation>
    </message>
</context>
<context>
    <name>RecycleBin</name>
    <message>
        <source>Record</source>
        <translation>Elemento</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Deleted on</source>
        <translation>Eliminato il</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Da</translation>
    </message>
</context>
<context>
    <name>NewDossierDialog</name>
    <message>
        <source>&amp;Create investor</source>
        <translation>&amp;Crea investitore</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) is here already, in %n dossier(s). Press Create investor again to make another.</source>
        <translation>
            <numerusform>%1 (%2) c&apos;è già, in %n dossier. Premi di nuovo Crea investitore per crearne un altro.</numerusform>
            <numerusform>%1 (%2) c&apos;è già, in %n dossier. Premi di nuovo Crea investitore per crearne un altro.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvestorMergeDialog</name>
    <message>
        <source>Merge investors</source>
        <translation>Unisci investitori</translation>
    </message>
    <message>
        <source>Tick the records that are one company, then choose the one to keep. Its dossiers and contacts gather on it; the others are kept as merged records.</source>
        <translation>Spunta i record che sono una sola azienda, poi scegli quello da tenere. I suoi dossier e contatti si riuniscono lì; gli altri restano come record uniti.</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>Filtra per nome</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Paese</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>Partita IVA</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Settore</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatti</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>Tieni:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Unisci</translation>
    </message>
    <message>
        <source>Undo the merge</source>
        <translation>Annulla l'unione</translation>
    </message>
    <message>
        <source>The merge was undone.</source>
        <translation>L'unione è stata annullata.</translation>
    </message>
    <message numerus="yes">
        <source>%n investor(s) merged into “%1”: %2 dossier(s) moved. The merge reaches everyone at the next sync.</source>
        <translation>
            <numerusform>%n investitore unito a «%1»; dossier spostati: %2. L'unione arriva a tutti alla prossima sincronizzazione.</numerusform>
            <numerusform>%n investitori uniti a «%1»; dossier spostati: %2. L'unione arriva a tutti alla prossima sincronizzazione.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>New in&amp;vestor…</source>
        <translation>Nuovo in&amp;vestitore…</translation>
    </message>
    <message>
        <source>Investor created: New dossier (Ctrl+N) finds it.</source>
        <translation>Investitore creato: Nuovo dossier (Ctrl+N) lo trova.</translation>
    </message>
    <message>
        <source>&amp;Merge investors…</source>
        <translation>&amp;Unisci investitori…</translation>
    </message>
    <message>
        <source>Coordinators: one company entered twice becomes one record</source>
        <translation>Coordinatori: un'azienda inserita due volte diventa un solo record</translation>
    </message>
    <message>
        <source>Merge investors</source>
        <translation>Unisci investitori</translation>
    </message>
    <message>
        <source>Only a coordinator can merge investors.</source>
        <translation>Solo un coordinatore può unire investitori.</translation>
    </message>
</context>
    <context>
        <name>DossierListPage</name>
        <message numerus="yes">
            <source>Total of the %n selected dossier(s): %1 capex · %2 new hires</source>
            <translation>
                <numerusform>Totale del dossier selezionato: %1 di investimento · %2 nuovi addetti</numerusform>
                <numerusform>Totale dei %n dossier selezionati: %1 di investimento · %2 nuovi addetti</numerusform>
            </translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Apri</translation>
        </message>
        <message numerus="yes">
            <source>Export the %n selected dossier(s)…</source>
            <translation>
                <numerusform>Esporta il dossier selezionato…</numerusform>
                <numerusform>Esporta i %n dossier selezionati…</numerusform>
            </translation>
        </message>
        <message>
            <source>dossiers</source>
            <translation>dossier</translation>
        </message>
    </context>
    <context>
        <name>SavedViewsBar</name>
        <message>
            <source>Saved views</source>
            <translation>Viste salvate</translation>
        </message>
        <message>
            <source>Saved views: pick one to show the list as it was saved</source>
            <translation>Viste salvate: scegline una per rivedere l&apos;elenco come è stato salvato</translation>
        </message>
        <message>
            <source>Views</source>
            <translation>Viste</translation>
        </message>
        <message>
            <source>Saved views menu</source>
            <translation>Menu delle viste salvate</translation>
        </message>
        <message>
            <source>Save the current view…</source>
            <translation>Salva la vista corrente…</translation>
        </message>
        <message>
            <source>Rename the view…</source>
            <translation>Rinomina la vista…</translation>
        </message>
        <message>
            <source>Delete the view</source>
            <translation>Elimina la vista</translation>
        </message>
        <message numerus="yes">
            <source>Saved views (%n)</source>
            <translation>
                <numerusform>Viste salvate (%n)</numerusform>
                <numerusform>Viste salvate (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>Name of the view:</source>
            <translation>Nome della vista:</translation>
        </message>
        <message>
            <source>Save the current view</source>
            <translation>Salva la vista corrente</translation>
        </message>
        <message>
            <source>A view named &quot;%1&quot; exists. Replace it with what the list shows now?</source>
            <translation>Esiste già una vista «%1». Sostituirla con ciò che l&apos;elenco mostra ora?</translation>
        </message>
        <message>
            <source>Rename the view</source>
            <translation>Rinomina la vista</translation>
        </message>
        <message>
            <source>Delete the saved view &quot;%1&quot;? The dossiers are not touched.</source>
            <translation>Eliminare la vista salvata «%1»? I dossier non vengono toccati.</translation>
        </message>
    </context>
    <context>
        <name>OverviewTab</name>
        <message>
            <source>VAT number / tax code</source>
            <translation>Partita IVA / codice fiscale</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>This is not a valid partita IVA: the check digit does not match. Check the eleven digits.</source>
            <translation>Questa non è una partita IVA valida: la cifra di controllo non torna. Controlla le undici cifre.</translation>
        </message>
        <message>
            <source>A VAT number or tax code has letters and digits only.</source>
            <translation>Una partita IVA o un codice fiscale contiene solo lettere e cifre.</translation>
        </message>
    </context>
    <context>
        <name>DossierListPage</name>
        <message numerus="yes">
            <source>Assign %n dossier(s) to a tutor…</source>
            <translation>
                <numerusform>Assegna il dossier a un tutor…</numerusform>
                <numerusform>Assegna i %n dossier a un tutor…</numerusform>
            </translation>
        </message>
        <message>
            <source>Assign to a tutor</source>
            <translation>Assegna a un tutor</translation>
        </message>
        <message numerus="yes">
            <source>Tutor who follows the %n dossier(s):</source>
            <translation>
                <numerusform>Tutor che segue il dossier:</numerusform>
                <numerusform>Tutor che segue i %n dossier:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>Only a coordinator assigns dossiers to tutors.</source>
            <translation>Solo un coordinatore assegna i dossier ai tutor.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Import a spreads&amp;heet…</source>
            <translation>Importa un fo&amp;glio di calcolo…</translation>
        </message>
        <message>
            <source>Investors and projects from a CSV file or an Excel workbook</source>
            <translation>Investitori e progetti da un file CSV o da una cartella di lavoro Excel</translation>
        </message>
    </context>
    <context>
        <name>PlanRowsModel</name>
        <message>
            <source>Row</source>
            <translation>Riga</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Esito</translation>
        </message>
        <message>
            <source>Column</source>
            <translation>Colonna</translation>
        </message>
        <message>
            <source>What the import does</source>
            <translation>Cosa fa l'importazione</translation>
        </message>
    </context>
    <context>
        <name>SpreadsheetImportWizard</name>
        <message>
            <source>Import a spreadsheet</source>
            <translation>Importa un foglio di calcolo</translation>
        </message>
        <message>
            <source>&amp;Import</source>
            <translation>&amp;Importa</translation>
        </message>
        <message>
            <source>&amp;Next &gt;</source>
            <translation>&amp;Avanti &gt;</translation>
        </message>
        <message>
            <source>&lt; &amp;Back</source>
            <translation>&lt; &amp;Indietro</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annulla</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Chiudi</translation>
        </message>
    </context>
    <context>
        <name>FilePage</name>
        <message>
            <source>1. The spreadsheet</source>
            <translation>1. Il foglio di calcolo</translation>
        </message>
        <message>
            <source>A CSV file or an Excel workbook of investors and projects; you can also drop it here.</source>
            <translation>Un file CSV o una cartella di lavoro Excel di investitori e progetti; puoi anche trascinarlo qui.</translation>
        </message>
        <message>
            <source>No file chosen</source>
            <translation>Nessun file scelto</translation>
        </message>
        <message>
            <source>C&amp;hoose…</source>
            <translation>&amp;Scegli…</translation>
        </message>
        <message>
            <source>Import a spreadsheet</source>
            <translation>Importa un foglio di calcolo</translation>
        </message>
        <message>
            <source>Spreadsheets (*.csv *.xlsx *.txt)</source>
            <translation>Fogli di calcolo (*.csv *.xlsx *.txt)</translation>
        </message>
        <message numerus="yes">
            <source>Read as: %1. Header at row %2, %n column(s).</source>
            <translation>
                <numerusform>Letto come: %1. Intestazione alla riga %2, %n colonna.</numerusform>
                <numerusform>Letto come: %1. Intestazione alla riga %2, %n colonne.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MappingPage</name>
        <message>
            <source>2. The columns</source>
            <translation>2. Le colonne</translation>
        </message>
        <message>
            <source>Which field each column of the file holds, as found from its name. Change what is wrong; a column set to “not imported” is left out.</source>
            <translation>Quale campo contiene ogni colonna del file, riconosciuto dal suo nome. Correggi quello che è sbagliato; una colonna impostata su «non importata» viene lasciata fuori.</translation>
        </message>
        <message>
            <source>Saved mapping:</source>
            <translation>Corrispondenza salvata:</translation>
        </message>
        <message>
            <source>&amp;Save mapping as…</source>
            <translation>&amp;Salva la corrispondenza come…</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>Colonna nel file</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Campo</translation>
        </message>
        <message>
            <source>(automatic, from the column names)</source>
            <translation>(automatica, dai nomi delle colonne)</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(senza nome)</translation>
        </message>
        <message>
            <source>— not imported —</source>
            <translation>— non importata —</translation>
        </message>
        <message numerus="yes">
            <source>Required field(s) with no column: %1. Choose the column that holds them.</source>
            <translation>
                <numerusform>Campo obbligatorio senza colonna: %1. Scegli la colonna che lo contiene.</numerusform>
                <numerusform>Campi obbligatori senza colonna: %1. Scegli le colonne che li contengono.</numerusform>
            </translation>
        </message>
        <message>
            <source>Save mapping</source>
            <translation>Salva la corrispondenza</translation>
        </message>
        <message>
            <source>Name of the mapping:</source>
            <translation>Nome della corrispondenza:</translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message>
            <source>3. Dry run</source>
            <translation>3. Prova senza scrittura</translation>
        </message>
        <message>
            <source>What every row would do. Nothing is written until you click Import.</source>
            <translation>Cosa farebbe ogni riga. Non viene scritto nulla finché non fai clic su Importa.</translation>
        </message>
        <message>
            <source>&amp;Stop</source>
            <translation>&amp;Interrompi</translation>
        </message>
        <message>
            <source>Show only the &amp;errors</source>
            <translation>Mostra solo gli &amp;errori</translation>
        </message>
        <message>
            <source>Save the errors to E&amp;xcel…</source>
            <translation>Salva gli errori in E&amp;xcel…</translation>
        </message>
        <message>
            <source>Import only the &amp;valid rows</source>
            <translation>Importa solo le righe &amp;valide</translation>
        </message>
        <message>
            <source>Reading the file…</source>
            <translation>Lettura del file…</translation>
        </message>
        <message>
            <source>Dry run stopped: nothing was written.</source>
            <translation>Prova interrotta: non è stato scritto nulla.</translation>
        </message>
        <message>
            <source>%1 rows: new investors %2, new dossiers %3, updated %4, unchanged %5, duplicates %6, with errors %7.
Estimated capex %8, new hires %9.</source>
            <translation>%1 righe: investitori nuovi %2, dossier nuovi %3, aggiornati %4, invariati %5, duplicati %6, con errori %7.
Investimento stimato %8, nuovi addetti %9.</translation>
        </message>
        <message numerus="yes">
            <source>Import is off: %n row(s) have errors. Correct the file and read it again, or tick “Import only the valid rows”.</source>
            <translation>
                <numerusform>Importazione non possibile: %n riga ha errori. Correggi il file e rileggilo, oppure spunta «Importa solo le righe valide».</numerusform>
                <numerusform>Importazione non possibile: %n righe hanno errori. Correggi il file e rileggilo, oppure spunta «Importa solo le righe valide».</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing to import: every row is already in your dossiers.</source>
            <translation>Niente da importare: ogni riga è già nei tuoi dossier.</translation>
        </message>
        <message>
            <source>Save the errors</source>
            <translation>Salva gli errori</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Cartelle di lavoro Excel (*.xlsx)</translation>
        </message>
    </context>
    <context>
        <name>WritePage</name>
        <message>
            <source>4. Import</source>
            <translation>4. Importazione</translation>
        </message>
        <message>
            <source>Writing…</source>
            <translation>Scrittura…</translation>
        </message>
        <message>
            <source>Imported: %1 new dossier(s), %2 updated, %3 new investor(s), %4 completed. The changes go to the server with the next sync.</source>
            <translation>Importato: dossier nuovi %1, aggiornati %2, investitori nuovi %3, completati %4. Le modifiche vanno al server con la prossima sincronizzazione.</translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) with errors left out.</source>
            <translation>
                <numerusform>%n riga con errori lasciata fuori.</numerusform>
                <numerusform>%n righe con errori lasciate fuori.</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing was written.</source>
            <translation>Non è stato scritto nulla.</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>Choose at least two investors to merge.</source>
            <translation>Scegli almeno due investitori da unire.</translation>
        </message>
        <message>
            <source>One of the investors was deleted or merged meanwhile (perhaps by a sync): choose again.</source>
            <translation>Uno degli investitori è stato eliminato o unito nel frattempo (forse da una sincronizzazione): scegli di nuovo.</translation>
        </message>
        <message>
            <source>The investor to keep was deleted meanwhile (perhaps by a sync): choose again.</source>
            <translation>L&apos;investitore da tenere è stato eliminato nel frattempo (forse da una sincronizzazione): scegli di nuovo.</translation>
        </message>
    </context>
    <context>
        <name>InvestorMergeDialog</name>
        <message>
            <source>the merge into “%1”</source>
            <translation>l&apos;unione in «%1»</translation>
        </message>
    </context>
    <context>
        <name>SavedViewsBar</name>
        <message>
            <source>the saved view &quot;%1&quot;</source>
            <translation>la vista salvata &quot;%1&quot;</translation>
        </message>
        <message>
            <source>Saved view deleted: &quot;%1&quot;</source>
            <translation>Vista salvata eliminata: &quot;%1&quot;</translation>
        </message>
    </context>
    <context>
        <name>UndoController</name>
        <message>
            <source>Undone: %1</source>
            <translation>Annullato: %1</translation>
        </message>
        <message>
            <source>&amp;Undo: %1</source>
            <translation>&amp;Annulla: %1</translation>
        </message>
    </context>
    <context>
        <name>WritePage</name>
        <message>
            <source>&amp;Stop</source>
            <translation>&amp;Interrompi</translation>
        </message>
        <message>
            <source>Stop the import: nothing is written</source>
            <translation>Interrompe l&apos;importazione: non viene scritto nulla</translation>
        </message>
        <message>
            <source>Stopping…</source>
            <translation>Interruzione…</translation>
        </message>
        <message>
            <source>Import stopped: nothing was written. Close this window; the file can be imported again whenever you want.</source>
            <translation>Importazione interrotta: non è stato scritto nulla. Chiudi questa finestra; il file si può importare di nuovo quando vuoi.</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>All phases</source>
            <translation>Tutte le fasi</translation>
        </message>
        <message>
            <source>All sectors</source>
            <translation>Tutti i settori</translation>
        </message>
        <message>
            <source>All provinces</source>
            <translation>Tutte le province</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>TLS mode, for IT: %1</source>
            <translation>Modalità TLS, per l&apos;IT: %1</translation>
        </message>
        <message>
            <source>encrypted, the server&apos;s identity checked</source>
            <translation>cifrata, identità del server verificata</translation>
        </message>
        <message>
            <source>encrypted, the server&apos;s certificate checked but not its name</source>
            <translation>cifrata, certificato del server verificato ma non il suo nome</translation>
        </message>
        <message>
            <source>encrypted, the server&apos;s identity not checked</source>
            <translation>cifrata, identità del server non verificata</translation>
        </message>
        <message>
            <source>encrypted if the server offers it</source>
            <translation>cifrata se il server lo consente</translation>
        </message>
        <message>
            <source>encrypted only if the server asks for it</source>
            <translation>cifrata solo se il server lo richiede</translation>
        </message>
        <message>
            <source>not encrypted</source>
            <translation>non cifrata</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Set up the &amp;server…</source>
            <translation>Configura il &amp;server…</translation>
        </message>
        <message>
            <source>A demo profile never syncs: create your own profile to sync.</source>
            <translation>Un profilo dimostrativo non si sincronizza mai: crea un tuo profilo per sincronizzare.</translation>
        </message>
        <message>
            <source>No server is set yet: enter its address in Settings to sync (F5)</source>
            <translation>Nessun server impostato: inserisci il suo indirizzo nelle Impostazioni per sincronizzare (F5)</translation>
        </message>
    </context>
</TS>
