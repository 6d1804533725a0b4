# I testi didattici del motore: cosa significa una risposta, cosa scrivere invece, le fasi,
# il riferimento dei comandi. Il motore li indica per id (crates/engine); l'app li mostra.
# Le risposte vere e proprie (il wire) non sono mai qui: i server rispondono in inglese, con le proprie parole.

## Cosa significa ogni tipo di risposta, e cosa scrivere invece (-fix)
reply-greeting = Il server è pronto e si presenta con il proprio nome; nel saluto iniziale non invia alcun codice di stato esteso.
reply-helo = HELO accettato: una semplice risposta su una sola riga, senza estensioni.
reply-ehlo = EHLO accettato. La prima riga riporta il nome del server; ogni riga successiva è un'estensione che offre.
reply-ehlo-syntax = EHLO richiede come argomento il nome host del tuo computer.
reply-ehlo-syntax-fix = EHLO client.example.org
reply-helo-syntax = HELO richiede come argomento il nome host del tuo computer.
reply-helo-syntax-fix = HELO client.example.org
reply-ok = Fatto. NOOP non fa proprio nulla: serve a verificare che il server sia ancora in ascolto.
reply-reset = Fatto. RSET annulla la transazione (mittente, destinatari, dati), ma mantiene il saluto e l'eventuale login.
reply-bye = Il server si congeda e chiude la connessione.
reply-mail-ok = Mittente accettato: è iniziata una transazione di posta.
reply-rcpt-ok = Destinatario accettato. Aggiungine altri con RCPT TO, oppure invia DATA.
reply-start-data = Procedi: invia il messaggio, poi una riga con un solo punto.
reply-queued = Il server si è preso la responsabilità del messaggio e lo ha messo in coda con questo ID.
reply-bdat-chunk-ok = Blocco (chunk) ricevuto. Invia il BDAT successivo, oppure BDAT n LAST per concludere.
reply-bdat-queued = Ultimo blocco ricevuto: l'intero messaggio è in coda.
reply-send-helo-first = Questo server vuole essere salutato prima di una transazione di posta.
reply-send-helo-first-fix = EHLO client.example.org
reply-nested-mail = C'è già una transazione aperta: non puoi inviare di nuovo MAIL finché non è terminata.
reply-nested-mail-fix = RSET (per ricominciare), oppure continua con RCPT TO:<indirizzo>
reply-need-mail = RCPT indica un destinatario di una transazione, ma non ce n'è nessuna aperta.
reply-need-mail-fix = prima MAIL FROM:<you@example.org>
reply-need-rcpt = Il messaggio non ha ancora nessun destinatario.
reply-need-rcpt-fix = prima MAIL FROM:<indirizzo>, poi RCPT TO:<indirizzo>
reply-no-valid-recipients = Tutti i destinatari di questa transazione sono stati rifiutati: non c'è nessuno a cui inviare il messaggio.
reply-no-valid-recipients-fix = RCPT TO:<alice@example.com> (un destinatario che il server accetta)
reply-rcpt-after-bdat = I destinatari vanno indicati prima del messaggio, ma BDAT lo ha già iniziato.
reply-rcpt-after-bdat-fix = concludi con BDAT 0 LAST, oppure RSET
reply-data-after-bdat = Una transazione usa DATA oppure BDAT, mai entrambi.
reply-data-after-bdat-fix = BDAT n LAST per concludere il messaggio
reply-mail-syntax = MAIL richiede FROM: seguito dall'indirizzo del mittente.
reply-mail-syntax-fix = MAIL FROM:<you@example.org>
reply-rcpt-syntax = RCPT richiede TO: seguito dall'indirizzo del destinatario.
reply-rcpt-syntax-fix = RCPT TO:<alice@example.com>
reply-bad-sender = Il server non è riuscito a interpretare l'indirizzo del mittente.
reply-bad-sender-fix = MAIL FROM:<you@example.org> (un solo indirizzo tra parentesi angolari)
reply-bad-recipient = Il server non è riuscito a interpretare l'indirizzo del destinatario; <> può essere solo un mittente.
reply-bad-recipient-fix = RCPT TO:<alice@example.com>
reply-no-arguments = Questo comando non accetta argomenti.
reply-no-arguments-fix = solo il comando, senza argomenti
reply-bad-size-syntax = SIZE= deve essere seguito da un numero di byte.
reply-bad-size-syntax-fix = MAIL FROM:<you@example.org> SIZE=12345
reply-size-overflow = Quel valore di SIZE è più grande di qualunque file il server possa contenere.
reply-size-overflow-fix = un SIZE= realistico, al massimo il numero dopo SIZE nella risposta a EHLO
reply-size-exceeded = Il SIZE dichiarato supera il limite che il server ha annunciato nella risposta a EHLO.
reply-size-exceeded-fix = un messaggio più piccolo, al massimo il numero dopo SIZE nella risposta a EHLO
reply-message-too-big = Il messaggio è risultato più grande del limite di dimensione ed è stato scartato.
reply-message-too-big-fix = invia un messaggio più piccolo
reply-bad-ret = RET= accetta FULL o HDRS, una sola volta.
reply-bad-ret-fix = MAIL FROM:<you@example.org> RET=HDRS
reply-bad-envid = ENVID= accetta un solo valore xtext (ASCII stampabile; il + solo nella forma esadecimale +XX).
reply-bad-envid-fix = MAIL FROM:<you@example.org> ENVID=abc123
reply-bad-notify = NOTIFY= accetta NEVER da solo, oppure un elenco di SUCCESS, FAILURE e DELAY, una sola volta.
reply-bad-notify-fix = RCPT TO:<alice@example.com> NOTIFY=SUCCESS,FAILURE
reply-bad-orcpt = ORCPT= accetta un tipo di indirizzo, un punto e virgola e un indirizzo.
reply-bad-orcpt-fix = RCPT TO:<alice@example.com> ORCPT=rfc822;alice@example.com
reply-unsupported-option = Il server non conosce questo parametro di MAIL/RCPT.
reply-unsupported-option-fix = togli il parametro; EHLO elenca quelli supportati
reply-too-many-recipients = Questo messaggio ha raggiunto il limite di destinatari. Invialo, poi invialo agli altri in una nuova transazione.
reply-too-many-recipients-fix = DATA subito, poi un nuovo MAIL FROM per i destinatari rimanenti
reply-user-unknown = Il dominio è di questo server, ma l'utente non esiste.
reply-user-unknown-fix = un utente che esiste qui, ad es. RCPT TO:<alice@example.com>
reply-relay-denied = Il dominio non è di questo server, e il server inoltra la posta verso altri domini solo per i client autenticati.
reply-relay-denied-fix = prima STARTTLS, EHLO, AUTH; oppure un destinatario locale
reply-vrfy-syntax = VRFY richiede un indirizzo da verificare.
reply-vrfy-syntax-fix = VRFY alice
reply-cannot-verify = 252: il server non dice di aver verificato una casella di posta (sarebbe un 250), ma accetterebbe posta per questo indirizzo e proverebbe a consegnarla. Cosa rivela un 252 dipende dal server: Postfix lo dà solo agli indirizzi che superano i suoi controlli sui destinatari (un utente locale sconosciuto riceve 550), quindi un 252 per un nome locale dice che quel nome esiste; altri, Exim compreso, lo danno a qualunque indirizzo ben formato.
reply-vrfy-disabled = Su questo server VRFY è disattivato.
reply-etrn-syntax = ETRN richiede il dominio di cui svuotare la coda della posta.
reply-etrn-syntax-fix = ETRN example.org
reply-etrn-in-transaction = ETRN non si può usare dentro una transazione di posta.
reply-etrn-in-transaction-fix = prima RSET
reply-etrn-unavailable = Questo server non tiene alcuna coda da svuotare per quel dominio.
reply-unrecognized = Il server non conosce questo comando, oppure non lo implementa (Postfix 3.7 non ha né EXPN né HELP).
reply-unrecognized-fix = un comando del riferimento, ad es. NOOP
reply-bad-syntax = Una riga vuota non è un comando.
reply-bad-syntax-fix = un comando, ad es. NOOP
reply-bad-utf8 = La riga non è UTF-8 valido (RFC 3629): Postfix controlla ogni riga di comando prima di leggerne il comando.
reply-bad-utf8-fix = invia testo: ASCII, oppure UTF-8 dopo MAIL FROM:<…> SMTPUTF8
reply-break-rules-header = È arrivata come comando una riga con la forma di un'intestazione (Nome: valore). Le intestazioni vanno dentro il messaggio, dopo DATA e il suo 354; trovandone una al posto di un comando, Postfix conclude che il client ha perso il filo del dialogo e chiude la connessione. Non è stato accettato nulla.
reply-break-rules-header-fix = DATA, attendi il 354, poi le intestazioni, una riga vuota e il corpo
reply-break-rules-http = GET, POST e CONNECT sono il linguaggio dei browser e dei proxy web (HTTP), non dei client di posta. Il parametro smtpd_forbidden_commands di Postfix li elenca perché una pagina web non possa far parlare un browser con un server di posta: Postfix chiude subito la connessione. Non è stato accettato nulla.
reply-break-rules-http-fix = un comando SMTP, ad es. EHLO client.example.org
reply-break-rules-no-letter = La riga non inizia con una lettera, mentre ogni comando SMTP è una parola fatta di lettere. In base a smtpd_forbidden_commands (per impostazione predefinita CONNECT, GET, POST e qualunque prima parola che non inizi con una lettera) Postfix conclude che dall'altra parte non c'è un client di posta e chiude la connessione. Non è stato accettato nulla.
reply-break-rules-no-letter-fix = prima la parola di un comando, ad es. NOOP; il testo del messaggio solo dopo DATA e il 354
reply-too-many-errors = Troppi errori in una sola sessione: il server chiude la connessione.
reply-too-many-errors-fix = riconnettiti, e controlla ogni risposta prima del comando successivo
reply-timeout = Il client è rimasto in silenzio troppo a lungo: il server chiude la connessione.
reply-timeout-fix = riconnettiti
reply-ready-for-tls = Avvia ora l'handshake TLS; dopo, la sessione ricomincia da capo.
reply-tls-active = La connessione è già cifrata.
reply-tls-active-fix = EHLO, poi AUTH
reply-not-implemented = Il server conosce questo comando, ma qui non lo offre.
reply-auth-not-enabled = Qui AUTH è disponibile solo dentro TLS, così le password non viaggiano mai in chiaro sulla rete.
reply-auth-not-enabled-fix = STARTTLS, poi EHLO, poi AUTH
reply-auth-in-transaction = AUTH non è consentito durante una transazione di posta.
reply-auth-in-transaction-fix = RSET, poi AUTH
reply-already-authenticated = Sei già autenticato: un secondo AUTH viene rifiutato.
reply-already-authenticated-fix = MAIL FROM:<indirizzo>
reply-auth-syntax = AUTH richiede un meccanismo e, facoltativamente, una risposta iniziale.
reply-auth-syntax-fix = AUTH PLAIN AGFsaWNlAHMzY3JldA==
reply-auth-challenge = Il server chiede il passo successivo del login, in base64.
reply-auth-ok = Login riuscito. Ora il server inoltra la posta per conto tuo.
reply-auth-aborted = Hai inviato * e così hai annullato il login.
reply-sasl-response-too-long = La riga della risposta SASL superava la lunghezza che il server legge (12288 ottetti): il login è terminato.
reply-sasl-response-too-long-fix = di nuovo AUTH, con una risposta più breve
reply-bdat-syntax = Senza una dimensione valida il server non può trovare la fine del blocco, quindi chiude la connessione.
reply-bdat-syntax-fix = BDAT 42 LAST, seguito da esattamente 42 byte
reply-chunking-not-offered = Questo server non offre CHUNKING (EHLO non lo elencava), quindi rifiuta BDAT prima di leggerne la dimensione. Poi Postfix chiude la connessione: altrimenti gli ottetti del blocco verrebbero letti come comandi.
reply-chunking-not-offered-fix = controlla l'elenco di EHLO; senza CHUNKING invia il messaggio con DATA
reply-chunk-too-big = Questo blocco porterebbe il messaggio oltre il limite di dimensione: il server lo ha letto e scartato.
reply-chunk-too-big-fix = un messaggio più piccolo, al massimo il numero dopo SIZE nella risposta a EHLO
reply-injected = Ha risposto una regola di guasto di questo mondo, non la logica del server: vedi le impostazioni del mondo.
reply-injected-fix = cosa fa un client reale con questo codice: con 4xx riprova più tardi, con 5xx rinuncia
reply-greylisted = Greylisting: il primo tentativo da un mittente verso un destinatario viene rimandato di proposito. Un client reale tiene il messaggio e riprova qualche minuto dopo; a quel punto passa.
reply-greylisted-fix = attendi il ritardo del greylisting, poi invia di nuovo gli stessi MAIL e RCPT
reply-must-start-tls = Questo server accetta posta solo su una connessione cifrata: ogni comando tranne EHLO, NOOP, RSET, QUIT e STARTTLS deve attendere TLS.
reply-must-start-tls-fix = STARTTLS, poi di nuovo EHLO
reply-auth-required = Un server di invio (submission) inoltra posta solo per gli utenti autenticati: prima di MAIL, di' chi sei con AUTH.
reply-auth-required-fix = AUTH PLAIN o AUTH LOGIN (dopo STARTTLS ed EHLO), poi MAIL FROM
reply-basic-auth-disabled = La password non è mai stata controllata: questo server non accetta alcun login con password. Microsoft 365 richiede OAuth 2.0 (AUTH XOAUTH2) con un token della piattaforma di identità Microsoft.
reply-basic-auth-disabled-fix = in un client reale accedi con OAuth 2.0; gli altri profili del laboratorio accettano le password
reply-not-advertised = Il server non ha elencato questa estensione nella risposta a EHLO, quindi il client non può usarla.
reply-not-advertised-fix = prima EHLO, e usa solo le estensioni che elenca
reply-too-many-nonmail = Troppi comandi che non inviano posta (NOOP, RSET, VRFY, HELO…) in una sola sessione: il server sospetta un sondaggio e chiude la connessione.
reply-too-many-nonmail-fix = riconnettiti, e invia posta oppure QUIT
reply-address-error = Il server non è riuscito a leggere questo indirizzo: dice cosa si aspettava e dove.
reply-address-error-fix = un solo indirizzo tra parentesi angolari, con un dominio: RCPT TO:<alice@example.com>
reply-line-too-long = Una riga del messaggio supera i 998 caratteri, il massimo consentito dalla RFC 5322: il server ha rifiutato l'intero messaggio.
reply-line-too-long-fix = spezza le righe lunghe, oppure invia il contenuto codificato in base64 o quoted-printable
reply-help = HELP elenca i comandi che questo server conosce.
reply-expn-refused = EXPN elencherebbe i membri di una mailing list; questo server non li rivela.
reply-nul-in-command = Una riga di comando non può contenere un ottetto NUL.
reply-nul-in-command-fix = scrivi di nuovo il comando
reply-connection-lost = Il client ha chiuso la connessione senza QUIT; il server lo segnala prima di chiuderla a sua volta.
reply-connection-lost-fix = termina con QUIT e attendi il suo 221
reply-too-many-syntax-errors = Un errore di sintassi o di protocollo di troppo: il server risponde, si congeda e chiude la connessione.
reply-too-many-syntax-errors-fix = riconnettiti, e controlla ogni risposta prima del comando successivo
reply-too-many-connections = Il tuo indirizzo ha già aperte tutte le connessioni che il server consente a un client (in Postfix smtpd_client_connection_count_limit): al posto del saluto iniziale risponde 421 e chiude la connessione.
reply-too-many-connections-fix = chiudi alcune delle tue altre connessioni, poi riconnettiti
reply-auth-failed-fix = controlla nome utente e password; gli strumenti base64 preparano la risposta
reply-unknown-mechanism-fix = un meccanismo della riga AUTH nella risposta a EHLO, ad es. AUTH PLAIN
reply-initial-data-not-expected = In CRAM-MD5 parla per primo il server: invia una challenge, e la risposta dipende da essa. I dati sulla riga di AUTH non possono essere una risposta.
reply-initial-data-not-expected-fix = AUTH CRAM-MD5 da solo, poi rispondi alla challenge 334
reply-too-many-bad-recipients = La maggior parte dei destinatari provati in questo messaggio è stata rifiutata, e sembra un tentativo di indovinare gli indirizzi: ora il server rifiuta ogni altro RCPT di questo messaggio.
reply-too-many-bad-recipients-fix = RSET o un nuovo MAIL, e invia a indirizzi che conosci
reply-sync-error = Altri dati sono arrivati prima che il server rispondesse a un comando che deve essere l'ultimo di un gruppo in pipelining (o a uno che non conosceva): il client non ha aspettato, quindi il server chiude la connessione.
reply-sync-error-fix = invia il comando successivo solo dopo la risposta a questo; metti in pipelining solo MAIL, RCPT e RSET
reply-header-not-crlf = Una riga del messaggio termina con un LF isolato. In un blocco BDAT non viene convertito nulla: le righe devono terminare con CR LF, e questo server rifiuta il messaggio quando la sua intestazione non lo fa.
reply-header-not-crlf-fix = termina ogni riga con CR LF, e conta entrambi gli ottetti nella dimensione del blocco
reply-rule-421-closes = un 421 chiude la connessione
reply-rule-closing-after-errors = chiusura dopo gli errori
reply-rule-retry = quando riprovare
reply-rule-failure-rule = una regola di guasto di questo mondo
reply-rule-basic-auth-retired = Microsoft ha ritirato l'autenticazione di base (Basic auth) per SMTP AUTH
auth-failure-credentials = Il nome utente o la password sono errati.
auth-failure-another-step = La risposta era vuota o non in base64, quindi il login non è potuto proseguire.
auth-failure-bad-protocol = La risposta è stata decodificata, ma non contiene ciò che il meccanismo si aspetta.
auth-failure-bad-base64 = La risposta non è in base64, quindi non è stato possibile decodificarla.
auth-failure-no-mechanism = Il server non offre quel meccanismo; EHLO elenca quelli disponibili.

## Cosa sa il motore di una risposta oltre al suo tipo (Reply::facts)
fact-junk-command-first = La risposta sembra quella di sempre, ma da questo comando in poi Postfix conta come un errore ogni comando di servizio (HELO, EHLO, RSET, NOOP, VRFY, ETRN): la sessione ne ha già inviati più di smtpd_junk_command_limit ({ $limit ->
        [100] 100, il valore predefinito
       *[other] qui { $limit }; il valore predefinito è 100
    }), e un client che si limita a restare collegato o a sondare il server viene trattato come uno che sbaglia. Quando gli errori arrivano a smtpd_soft_error_limit (10 per impostazione predefinita), ogni risposta arriva in ritardo di smtpd_error_sleep_time (1 s per impostazione predefinita); a smtpd_hard_error_limit (20 per impostazione predefinita) il server risponde 421 e chiude la connessione.
fact-junk-command = Anche questo comando di servizio è stato contato come errore, benché la risposta sembri quella di sempre: la sessione ha superato smtpd_junk_command_limit ({ $limit }).
fact-tarpit = Questa risposta è arrivata con { $ms } ms di ritardo: la sessione aveva già commesso { $errors ->
        [one] 1 errore
       *[other] { $errors } errori
    }, e da quando gli errori raggiungono smtpd_soft_error_limit ({ $soft ->
        [10] 10, il valore predefinito
       *[other] qui { $soft }; il valore predefinito è 10
    }), Postfix attende smtpd_error_sleep_time (1 s per impostazione predefinita) prima di ogni risposta. Questo tarpit rallenta i client che continuano a sbagliare.
fact-hard-error-limit = La sessione ha commesso { $errors ->
        [one] 1 errore
       *[other] { $errors } errori
    } e ha quindi raggiunto smtpd_hard_error_limit ({ $limit ->
        [20] 20, il valore predefinito
       *[other] qui { $limit }; il valore predefinito è 20
    }): Postfix risponde 421 e chiude la connessione. Contano i comandi rifiutati, e anche i comandi di servizio oltre smtpd_junk_command_limit.
fact-unknown-command-limit = Troppi comandi sconosciuti, più di quanti ne consenta smtp_max_unknown_commands di Exim ({ $limit }): Exim lo segnala e chiude la connessione.
fact-after-chunk-empty = Il blocco BDAT precedente ha preso esattamente { $octets } ottetti e lì è finito. L'a capo scritto dopo (CR LF) non faceva parte del blocco: è arrivato come riga di comando successiva, vuota. La dimensione di un blocco conta ogni ottetto inviato, a capo compresi: per inviare anche l'a capo, indica una dimensione di 2 ottetti maggiore.
fact-after-chunk = Il blocco BDAT precedente ha preso esattamente { $octets } ottetti e lì è finito. Ciò che è stato inviato dopo non faceva parte del blocco: il server l'ha letto come riga di comando successiva. La dimensione di un blocco conta ogni ottetto inviato, a capo (CR LF) compresi.

## Le cifre di un codice di risposta (RFC 5321 §4.2.1)
reply-class-success = 2xx: successo. Il comando è stato accettato.
    .label = successo
reply-class-hang-up = 2xx per la prima cifra, eppure non è stato accettato nulla: il server chiude la connessione. Si congeda con 221, il codice che chiude una sessione, invece che con un codice di errore.
    .label = chiude
reply-class-intermediate = 3xx: intermedio. Il server attende altri dati.
    .label = prosegui
reply-class-transient = 4xx: errore temporaneo. Lo stesso comando potrebbe riuscire più tardi.
    .label = errore temporaneo
reply-class-permanent = 5xx: errore permanente. Ripetere il comando non servirà.
    .label = errore permanente
reply-area-syntax = Seconda cifra { $digit }: sintassi.
reply-area-information = Seconda cifra { $digit }: informazioni.
reply-area-connection = Seconda cifra { $digit }: la connessione.
reply-area-intermediate = Seconda cifra { $digit }: autenticazione / intermedio.
reply-area-mail-system = Seconda cifra { $digit }: il sistema di posta.
reply-area-unspecified = Seconda cifra { $digit }: non specificato.

## Codici di stato estesi (RFC 3463): classe; oggetto; dettaglio
enhanced-meaning = { $code }: { $class }; { $subject }; { $detail }
enhanced-class-success = successo
enhanced-class-transient = errore temporaneo persistente
enhanced-class-permanent = errore permanente
enhanced-subject-other = stato di altro tipo o non definito
enhanced-subject-addressing = stato dell'indirizzamento
enhanced-subject-mailbox = stato della casella di posta
enhanced-subject-mail-system = stato del sistema di posta
enhanced-subject-network = stato della rete e dell'instradamento
enhanced-subject-protocol = stato del protocollo di consegna della posta
enhanced-subject-content = stato del contenuto o del formato del messaggio
enhanced-subject-security = stato della sicurezza o delle policy
enhanced-detail-other = altro stato non definito
enhanced-detail-other-address = altro stato dell'indirizzo
enhanced-detail-bad-mailbox = indirizzo della casella di destinazione errato
enhanced-detail-bad-mailbox-syntax = sintassi errata dell'indirizzo della casella di destinazione
enhanced-detail-address-valid = indirizzo di destinazione valido
enhanced-detail-bad-sender-syntax = sintassi errata dell'indirizzo del mittente
enhanced-detail-too-big = messaggio troppo grande per il sistema
enhanced-detail-bad-connection = connessione difettosa
enhanced-detail-invalid-command = comando non valido
enhanced-detail-syntax-error = errore di sintassi
enhanced-detail-too-many-recipients = troppi destinatari
enhanced-detail-invalid-arguments = argomenti del comando non validi
enhanced-detail-security-other = stato di sicurezza di altro tipo o non definito
enhanced-detail-not-authorized = consegna non autorizzata, messaggio rifiutato
enhanced-detail-bad-credentials = credenziali di autenticazione non valide
enhanced-detail-see-rfc = vedi RFC 3463

## Il riferimento dei comandi: cosa fa ogni comando (.syntax: come si scrive; i <segnaposto> sono tradotti)
command-ehlo = Identifica il client al server e chiedi quali estensioni offre. Come RSET, annulla la transazione di posta in corso; il login e TLS restano.
    .syntax = EHLO <nome-del-tuo-host>
command-helo = Identifica il client al server alla vecchia maniera, senza estensioni. Come RSET, annulla la transazione di posta in corso.
    .syntax = HELO <nome-del-tuo-host>
command-starttls = Passa la connessione a TLS. Dopo, la sessione ricomincia da capo.
    .syntax = STARTTLS
command-auth = Autenticati con PLAIN, LOGIN o CRAM-MD5; le risposte sono in base64.
    .syntax = AUTH <meccanismo> [<risposta-iniziale>]
command-mail = Avvia una transazione di posta e indica il mittente (l'indirizzo a cui tornano i messaggi di mancato recapito).
    .syntax = MAIL FROM:<indirizzo> [SIZE=n] [BODY=7BIT|8BITMIME] [SMTPUTF8] [RET=FULL|HDRS] [ENVID=id]
command-rcpt = Aggiungi un destinatario. Ripetilo per ciascuno.
    .syntax = RCPT TO:<indirizzo> [NOTIFY=...] [ORCPT=rfc822;<indirizzo>]
command-data = Invia il messaggio: intestazioni, una riga vuota, il corpo, poi una riga con un solo punto.
    .syntax = DATA
command-bdat = Invia il messaggio in blocchi di dimensione esatta, senza dot-stuffing.
    .syntax = BDAT <dimensione> [LAST]
command-rset = Abbandona la transazione in corso; la connessione resta aperta.
    .syntax = RSET
command-vrfy = Chiedi se un indirizzo esiste. Postfix applica i suoi controlli sui destinatari: 252 per un indirizzo che accetterebbe (mai 250, "verificato"), 550 User unknown per un utente locale che non conosce. Quindi VRFY rivela chi non esiste, ed è per questo che molti server lo disattivano. Exim, come lo distribuisce Debian, risponde 252 a qualunque indirizzo ben formato.
    .syntax = VRFY <indirizzo>
command-expn = Chiedi i membri di una mailing list. Postfix non lo implementa.
    .syntax = EXPN <lista>
command-help = Chiedi aiuto. Postfix lo offre solo dalla versione 3.9.
    .syntax = HELP [<comando>]
command-noop = Non fa nulla; il server risponde 250. Serve a tenere viva una connessione.
    .syntax = NOOP
command-etrn = Chiedi al server di svuotare la sua coda per un dominio.
    .syntax = ETRN <dominio>
command-quit = Termina la sessione SMTP; il server chiude la connessione.
    .syntax = QUIT

## Le fasi di una sessione: il nome, e cosa attende il server ("In attesa di …")
phase-disconnected = Nessuna connessione
    .waiting = una connessione
phase-connected = Connessione aperta
    .waiting = HELO o EHLO, che il client invia per primo
phase-greeted = Saluto ricevuto
    .waiting = un comando: MAIL FROM avvia un messaggio
phase-mail = Mail (mittente)
    .waiting = RCPT TO: il primo destinatario
phase-rcpt = Rcpt (destinatari)
    .waiting = altri destinatari, oppure DATA o BDAT
phase-data = Data
    .waiting = ricevere il messaggio: una riga con un solo punto lo conclude
phase-bdat = BDAT
    .waiting = un altro blocco BDAT, fino a BDAT … LAST
phase-auth = Scambio AUTH
    .waiting = una risposta alla challenge 334, in base64 (* annulla)
phase-tls-handshake = Handshake TLS
    .waiting = un handshake TLS dal client
phase-closed = Connessione chiusa
    .waiting = una connessione

## Cosa sposta una sessione da una fase all'altra, oltre ai comandi
trigger-end-of-message = fine messaggio
trigger-handshake = handshake TLS
trigger-sasl-answer = risposta al 334
trigger-connect = connetti
trigger-client-closed = il client chiude
trigger-server-closed = il server chiude

## Da dove vengono i testi di un profilo
provenance-recorded = Ogni risposta è stata registrata dal server reale in questa configurazione.
provenance-transcripts = Risposte copiate da trascrizioni pubbliche di questo servizio; docs/profiles.md indica la fonte di ciascuna, e la spiegazione dice quando non ne esiste nessuna.

## Da dove viene il testo di un profilo quando nessuna trascrizione lo mostra (la voce
## "Da dove viene questo testo" della spiegazione): perché il laboratorio ha scelto quel testo.
unsourced-exim-address-problem = Exim nomina l'indirizzo e che cosa non va; il laboratorio non conserva quale
unsourced-exim-malformed = Exim ripete l'indirizzo e il parametro (`malformed address: … may not follow …`)
unsourced-exim-size = dal sorgente di Exim (smtp_in.c); non registrato: gli scenari del laboratorio restano sotto i 52428800 byte di Exim
unsourced-exim-recipients = dal sorgente di Exim (smtp_in.c); 102 destinatari sono stati accettati
unsourced-exim-auth-mechanism = Exim mette prima il nome del meccanismo, che il laboratorio non conserva
unsourced-exim-sasl-too-long = get_data.c: una riga di risposta oltre il suo buffer di 16384 ottetti è BAD64; non registrato
unsourced-failure-rule = una regola di guasto del mondo
unsourced-exim-greylisting = il greylisting è stato registrato solo con Postfix
unsourced-exim-not-recorded = non registrato da Exim
unsourced-gmail-bdat-chunk = in una trascrizione c'è solo BDAT … LAST; lo stesso testo
unsourced-second-mail = nessuna trascrizione di un secondo MAIL
unsourced-bdat-mixed = nessuna trascrizione mescola BDAT con RCPT o DATA
unsourced-gmail-unknown-parameter = nessuna trascrizione di un parametro sconosciuto di MAIL o RCPT
unsourced-arguments = nessuna trascrizione di argomenti dopo DATA, RSET o QUIT
unsourced-recipient-limit = nessuna trascrizione del limite di destinatari
unsourced-gmail-relay = Gmail inoltra per ogni utente autenticato; nessuna trascrizione rifiuta un inoltro sulla porta 587
unsourced-vrfy-syntax = nessuna trascrizione di VRFY senza argomento
unsourced-gmail-bad-line = una riga vuota o non decodificabile non è in nessuna trascrizione; il testo per un comando sconosciuto
unsourced-auth-in-transaction = nessuna trascrizione di AUTH dentro una transazione
unsourced-auth-cancelled = nessuna trascrizione di un AUTH annullato
unsourced-sasl-too-long = nessuna trascrizione di una risposta SASL troppo lunga
unsourced-bdat-syntax = nessuna trascrizione di un BDAT errato
unsourced-gmail-greylisting = la porta di invio di Gmail non fa greylisting
unsourced-gmail-not-done = Gmail non lo fa; il suo testo per un comando sconosciuto
unsourced-m365-helo = nessuna trascrizione di HELO; la prima riga di EHLO
unsourced-helo-syntax = nessuna trascrizione di EHLO senza nome
unsourced-noop = nessuna trascrizione di NOOP
unsourced-bdat-chunk = nessuna trascrizione di un blocco BDAT che non sia l'ultimo
unsourced-syntax-error = nessuna trascrizione di questo errore di sintassi
unsourced-unknown-parameter = nessuna trascrizione di un parametro sconosciuto
unsourced-size-limit = nessuna trascrizione del limite di dimensione
unsourced-m365-vrfy = il testo di Exchange, non catturato da Microsoft 365
unsourced-m365-header = un'intestazione inviata come comando: il testo per un comando sconosciuto
unsourced-m365-bad-line = una riga vuota o non decodificabile: il testo per un comando sconosciuto
unsourced-m365-error-limit = nessuna trascrizione del limite di errori di Microsoft
unsourced-m365-chunking = Microsoft 365 offre sempre CHUNKING; il suo testo per un comando non implementato
unsourced-second-starttls = nessuna trascrizione di un secondo STARTTLS
unsourced-auth-sequence = nessuna trascrizione di questo errore nella sequenza di AUTH
unsourced-auth-undecodable = nessuna trascrizione di una risposta AUTH non decodificabile
unsourced-m365-greylisting = la porta di invio di Microsoft 365 non fa greylisting
unsourced-m365-connection-limit = nessuna trascrizione del limite di connessioni di Microsoft
unsourced-m365-tls = Microsoft 365 rifiuta MAIL prima di AUTH, non prima di TLS
unsourced-m365-not-done = Microsoft 365 non lo fa; il suo testo per un comando sconosciuto
unsourced-postfix-login = Postfix non può disattivare gli accessi con password; questo è il suo testo per un accesso fallito
unsourced-postfix-not-done = Postfix 3.7 non lo fa; il suo testo per un comando sconosciuto
unsourced-gmail-bad-parameter = nessuna trascrizione di un parametro errato; il testo di Gmail per un errore di sintassi nell'indirizzo
unsourced-gmail-size = il testo di Google sulla dimensione, visto per un SIZE dichiarato
unsourced-gmail-unimplemented = il testo di Google per un comando non implementato
unsourced-gmail-etrn = Gmail non offre ETRN
unsourced-auth-syntax = nessuna trascrizione di AUTH senza meccanismo
unsourced-gmail-chunking = Gmail offre sempre CHUNKING; il testo di Google per un comando non implementato
