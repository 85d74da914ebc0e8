<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../moderator_app/ui/about.py" line="55" />
        <source>About moderator-app</source>
        <translation>À propos de moderator-app</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/about.py" line="61" />
        <source>Free software under the GNU General Public License, version 3 or later. It comes with no warranty.</source>
        <translation>Logiciel libre sous licence publique générale GNU, version 3 ou ultérieure. Il est fourni sans garantie.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/about.py" line="65" />
        <source>Python {python} · Qt {qt} · PySide6 {pyside} · libVLC {vlc}</source>
        <translation>Python {python} · Qt {qt} · PySide6 {pyside} · libVLC {vlc}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/about.py" line="69" />
        <source>Full licence texts and every part's notice: {folder}</source>
        <translation>Textes complets des licences et notice de chaque composant : {folder}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/about.py" line="81" />
        <source>The licence notices are missing from this installation.</source>
        <translation>Les notices de licence manquent dans cette installation.</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="104" />
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="104" />
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="152" />
        <source>Checks:</source>
        <translation>Contrôles :</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="154" />
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="154" />
        <source>Picture</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="154" />
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="155" />
        <source>Frame rate</source>
        <translation>Cadence</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="155" />
        <source>Loudness</source>
        <translation>Sonie</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="155" />
        <source>True peak</source>
        <translation>Crête vraie</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="156" />
        <source>Max short-term</source>
        <translation>Court terme max.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="156" />
        <source>Silence</source>
        <translation>Silence</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="157" />
        <source>Sharpness</source>
        <translation>Netteté</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="157" />
        <source>Brightness</source>
        <translation>Luminosité</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="157" />
        <source>Black head/tail</source>
        <translation>Noir début/fin</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="158" />
        <source>Frames with a face</source>
        <translation>Images avec un visage</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="170" />
        <source>not checked yet</source>
        <translation>pas encore contrôlé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="176" />
        <source>nothing to report</source>
        <translation>rien à signaler</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="178" />
        <source>(same clip as {ids})</source>
        <translation>(même vidéo que {ids})</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="184" />
        <source>variable</source>
        <translation>variable</translation>
    </message>
    <message>
        <source>{value} — below {limit} ({finding})</source>
        <translation>{value} — en dessous de {limit} ({finding})</translation>
    </message>
    <message>
        <source>{value} — above {limit} ({finding})</source>
        <translation>{value} — au-dessus de {limit} ({finding})</translation>
    </message>
    <message>
        <source>{finding} below {limit}</source>
        <translation>{finding} en dessous de {limit}</translation>
    </message>
    <message>
        <source>{finding} above {limit}</source>
        <translation>{finding} au-dessus de {limit}</translation>
    </message>
    <message>
        <source>square</source>
        <translation>carré</translation>
    </message>
    <message>
        <source>portrait</source>
        <translation>portrait</translation>
    </message>
    <message>
        <source>landscape</source>
        <translation>paysage</translation>
    </message>
    <message>
        <source>{value} (max {limit})</source>
        <translation>{value} (max. {limit})</translation>
    </message>
    <message>
        <source>{value} (min {limit})</source>
        <translation>{value} (min. {limit})</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="94" />
        <source>Toggle flag ({key})</source>
        <translation>Basculer le signalement ({key})</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="101" />
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="102" />
        <source>Reject</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="103" />
        <source>Approve this message and play the next one</source>
        <translation>Approuver ce message et lire le suivant</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="104" />
        <source>Reject this message and play the next one</source>
        <translation>Refuser ce message et lire le suivant</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="106" />
        <source>Flags</source>
        <translation>Signalements</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="105" />
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="107" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="108" />
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="132" />
        <source>Suggested by the automatic checks</source>
        <translation>Suggéré par les contrôles automatiques</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="147" />
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="147" />
        <source>Rejected</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/decision_panel.py" line="147" />
        <source>To review</source>
        <translation>À modérer</translation>
    </message>
    <message>
        <source>Typing a note — Esc returns to the keys ({key} approves)</source>
        <translation>Saisie d’une note — Échap rend la main aux touches ({key} approuve)</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="1" />
        <source>Terms version</source>
        <translation>Version des conditions</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="1" />
        <source>Consent given</source>
        <translation>Accord donné le</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="1" />
        <source>Purged on {date}</source>
        <translation>Purgé le {date}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="1" />
        <source>not given</source>
        <translation>non indiquée</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="1" />
        <source>{version} — not accepted by the campaign, cannot go into a spot</source>
        <translation>{version} — non acceptée par la campagne, ne peut pas entrer dans un spot</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/details.py" line="74" />
        <source>For</source>
        <translation>Pour</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="75" />
        <source>From</source>
        <translation>De la part de</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="77" />
        <source>Relationship</source>
        <translation>Lien</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="78" />
        <source>Town</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="79" />
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="80" />
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="81" />
        <source>Broadcast consent</source>
        <translation>Accord de diffusion</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="82" />
        <source>Clip</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="83" />
        <source>Submission</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="97" />
        <source>Nothing selected</source>
        <translation>Aucune sélection</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="107" />
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="107" />
        <source>No — screening only, never broadcast</source>
        <translation>Non — modération seulement, jamais diffusé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/details.py" line="112" />
        <source>{seconds:.1f} s, {width}×{height}</source>
        <translation>{seconds:.1f} s, {width}×{height}</translation>
    </message>
</context>
<context>
    <name>ExportReportView</name>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="69" />
        <source>{frames} frames · {size:.1f} MB · {w}x{h} at {rate} fps · {audio}
Integrated {i} · max short-term {s} · true peak {tp}</source>
        <translation>{frames} images · {size:.1f} Mo · {w}x{h} à {rate} i/s · {audio}
Intégrée {i} · court terme max {s} · crête vraie {tp}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="77" />
        <source>Passes every rule of {preset}</source>
        <translation>Conforme à toutes les règles de {preset}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="78" />
        <source>Fails {n} rule(s) of {preset}</source>
        <translation>Non conforme à {n} règle(s) de {preset}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="82" />
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="82" />
        <source>Expected</source>
        <translation>Attendu</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="82" />
        <source>Measured</source>
        <translation>Mesuré</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="83" />
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="86" />
        <source>pass</source>
        <translation>conforme</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="86" />
        <source>FAIL</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>File type</source>
        <translation>Type de fichier</translation>
    </message>
    <message>
        <source>Video codec</source>
        <translation>Codec vidéo</translation>
    </message>
    <message>
        <source>Picture size</source>
        <translation>Taille de l’image</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>Images par seconde</translation>
    </message>
    <message>
        <source>Pixel format</source>
        <translation>Format de pixel</translation>
    </message>
    <message>
        <source>Audio codec</source>
        <translation>Codec audio</translation>
    </message>
    <message>
        <source>Sample rate (Hz)</source>
        <translation>Fréquence d’échantillonnage (Hz)</translation>
    </message>
    <message>
        <source>Audio channels</source>
        <translation>Canaux audio</translation>
    </message>
    <message>
        <source>Length (frames)</source>
        <translation>Durée (images)</translation>
    </message>
    <message>
        <source>Audio bits</source>
        <translation>Bits audio</translation>
    </message>
    <message>
        <source>Loudness, whole spot (LUFS)</source>
        <translation>Sonie du spot entier (LUFS)</translation>
    </message>
    <message>
        <source>Loudest 3 seconds (LUFS)</source>
        <translation>3 secondes les plus fortes (LUFS)</translation>
    </message>
    <message>
        <source>True peak (dBTP)</source>
        <translation>Crête vraie (dBTP)</translation>
    </message>
    <message>
        <source>Ready to deliver: passes every rule of {preset}.</source>
        <translation>Prêt à livrer : respecte toutes les règles de {preset}.</translation>
    </message>
    <message numerus="yes">
        <source>Not ready for {preset}: rules failed: %n.</source>
        <translation>
            <numerusform>Pas prêt : ne respecte pas %n règle de {preset}.</numerusform>
            <numerusform>Pas prêt : ne respecte pas %n règles de {preset}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Passes</source>
        <translation>Conforme</translation>
    </message>
    <message>
        <source>Fails</source>
        <translation>Non conforme</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="20" />
        <source>too short</source>
        <translation>trop court</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="21" />
        <source>too long</source>
        <translation>trop long</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="22" />
        <source>portrait</source>
        <translation>vertical</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="23" />
        <source>too dark</source>
        <translation>trop sombre</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="24" />
        <source>too bright</source>
        <translation>trop clair</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="25" />
        <source>blurry</source>
        <translation>flou</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="26" />
        <source>black frames</source>
        <translation>images noires</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="27" />
        <source>frozen</source>
        <translation>image figée</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="28" />
        <source>no face</source>
        <translation>aucun visage</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="29" />
        <source>no audio</source>
        <translation>pas de son</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="30" />
        <source>silent</source>
        <translation>silencieux</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="31" />
        <source>too loud</source>
        <translation>trop fort</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="32" />
        <source>clipping</source>
        <translation>saturation</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="33" />
        <source>variable frame rate</source>
        <translation>cadence variable</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="34" />
        <source>duplicate</source>
        <translation>doublon</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="35" />
        <source>unreadable</source>
        <translation>illisible</translation>
    </message>
</context>
<context>
    <name>LoudnessPlot</name>
    <message>
        <location filename="../../moderator_app/ui/review/checks_panel.py" line="85" />
        <source>no loudness measured</source>
        <translation>sonie non mesurée</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="163" />
        <source>Moderation — review desk</source>
        <translation>Modération — poste de visionnage</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="194" />
        <source>Quarantined: {source}</source>
        <translation>En quarantaine : {source}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="231" />
        <source>Every clip in this view is decided.</source>
        <translation>Toutes les vidéos de cette vue sont modérées.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="247" />
        <source>This clip cannot be played: {reason}</source>
        <translation>Cette vidéo ne peut pas être lue : {reason}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="293" />
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="293" />
        <source>Rejected</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="293" />
        <source>Back to review</source>
        <translation>Remis à modérer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="295" />
        <source>{decision}: {id} — saved</source>
        <translation>{decision} : {id} — enregistré</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="307" />
        <source>Decision not saved</source>
        <translation>Décision non enregistrée</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="308" />
        <source>The decision could not be saved ({error}). The clip is shown again: decide it once more.</source>
        <translation>La décision n'a pas pu être enregistrée ({error}). La vidéo est de nouveau affichée : décidez-la encore une fois.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="319" />
        <source>Nothing to undo.</source>
        <translation>Rien à annuler.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="327" />
        <source>Undone: {id}</source>
        <translation>Annulé : {id}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="343" />
        <source>{decided} of {total} decided</source>
        <translation>{decided} sur {total} modérés</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="351" />
        <source>No inbox folder is set: start with --inbox FOLDER.</source>
        <translation>Aucun dossier de réception : lancez avec --inbox DOSSIER.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="353" />
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="357" />
        <source>Last sync: {added} added, {retry} to retry, {quarantined} quarantined</source>
        <translation>Dernière synchro : {added} ajoutés, {retry} à réessayer, {quarantined} en quarantaine</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="371" />
        <source>Sync failed: {error}</source>
        <translation>Échec de la synchro : {error}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="97" />
        <source>Checking clips…</source>
        <translation>Contrôle des vidéos…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="391" />
        <source>Checking clips: {done} of {total}</source>
        <translation>Contrôle des vidéos : {done} sur {total}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="397" />
        <source>Checks: {n} clips checked</source>
        <translation>Contrôles : {n} vidéos contrôlées</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/window.py" line="406" />
        <source>Checks failed: {error}</source>
        <translation>Échec des contrôles : {error}</translation>
    </message>
    <message numerus="yes">
        <source>Last sync: %n added</source>
        <translation>
            <numerusform>Dernière synchro : %n ajouté</numerusform>
            <numerusform>Dernière synchro : %n ajoutés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checks: %n clip(s) checked</source>
        <translation>
            <numerusform>Contrôles : %n vidéo contrôlée</numerusform>
            <numerusform>Contrôles : %n vidéos contrôlées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to retry</source>
        <translation>
            <numerusform>%n à réessayer</numerusform>
            <numerusform>%n à réessayer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n quarantined</source>
        <translation>
            <numerusform>%n en quarantaine</numerusform>
            <numerusform>%n en quarantaine</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/feeds.py" line="1" />
        <source>Reading the record again…</source>
        <translation>Nouvelle lecture de l’enregistrement…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/feeds.py" line="1" />
        <source>Still quarantined: {reason}</source>
        <translation>Toujours en quarantaine : {reason}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/feeds.py" line="1" />
        <source>Its files are still arriving: it will be read again at the next sync.</source>
        <translation>Ses fichiers arrivent encore : il sera relu à la prochaine synchro.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/feeds.py" line="1" />
        <source>Read again: the record is out of quarantine.</source>
        <translation>Relu : l’enregistrement est sorti de la quarantaine.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/feeds.py" line="1" />
        <source>Could not read it again: {error}</source>
        <translation>Impossible de le relire : {error}</translation>
    </message>
</context>
<context>
    <name>PlanRefusalDialog</name>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/plan_refusal.py" line="34" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/plan_refusal.py" line="29" />
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/plan_refusal.py" line="24" />
        <source>Media plan refused</source>
        <translation>Plan média refusé</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/plan_refusal.py" line="25" />
        <source>Nothing was imported. Ask the media agency to fix these rows, then import the plan again:</source>
        <translation>Rien n'a été importé. Demandez à l'agence média de corriger ces lignes, puis importez à nouveau le plan :</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/plan_refusal.py" line="29" />
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/plan_refusal.py" line="40" />
        <source>… and {n} more bad rows</source>
        <translation>… et {n} autres lignes incorrectes</translation>
    </message>
</context>
<context>
    <name>PlatformController</name>
    <message>
        <location filename="../../moderator_app/ui/platform/controller.py" line="207" />
        <source>The platform refused the token: set a new one (Platform…).</source>
        <translation>La plateforme a refusé le jeton : saisissez-en un nouveau (Plateforme…).</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/controller.py" line="210" />
        <source>{id} is being handled by another moderator; it has left your queue.</source>
        <translation>{id} est traité par un autre modérateur ; il a quitté votre file.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/controller.py" line="213" />
        <source>{n} clips are being handled by other moderators; they have left your queue.</source>
        <translation>{n} vidéos sont traitées par d'autres modérateurs ; elles ont quitté votre file.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/controller.py" line="233" />
        <source>Platform sync failed: {error}</source>
        <translation>Échec de la synchro avec la plateforme : {error}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/controller.py" line="241" />
        <source>Decided by someone else</source>
        <translation>Décidé par quelqu'un d'autre</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/controller.py" line="242" />
        <source>Another moderator decided these clips before your decision reached the platform. Nothing was overwritten: the platform keeps their decision, your history keeps yours.</source>
        <translation>Un autre modérateur a décidé ces vidéos avant que votre décision n'arrive sur la plateforme. Rien n'a été écrasé : la plateforme garde sa décision, votre historique garde la vôtre.</translation>
    </message>
</context>
<context>
    <name>PlayerControls</name>
    <message>
        <location filename="../../moderator_app/player/controls.py" line="80" />
        <location filename="../../moderator_app/player/controls.py" line="139" />
        <source>{0}×</source>
        <translation>{0}×</translation>
    </message>
    <message>
        <location filename="../../moderator_app/player/controls.py" line="134" />
        <source>Next frame</source>
        <translation>Image suivante</translation>
    </message>
    <message>
        <location filename="../../moderator_app/player/controls.py" line="135" />
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../moderator_app/player/controls.py" line="136" />
        <source>Playback speed</source>
        <translation>Vitesse de lecture</translation>
    </message>
    <message>
        <location filename="../../moderator_app/player/controls.py" line="137" />
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location filename="../../moderator_app/player/controls.py" line="206" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../moderator_app/player/controls.py" line="206" />
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location filename="../../moderator_app/player/controls.py" line="223" />
        <source>Unmute</source>
        <translation>Rétablir le son</translation>
    </message>
    <message>
        <location filename="../../moderator_app/player/controls.py" line="223" />
        <source>Mute</source>
        <translation>Couper le son</translation>
    </message>
    <message>
        <location filename="../../moderator_app/player/controls.py" line="246" />
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="1" />
        <source>Purged</source>
        <translation>Purgé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/queue_model.py" line="54" />
        <source>To review</source>
        <translation>À modérer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="56" />
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="57" />
        <source>Rejected</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="58" />
        <source>Quarantined</source>
        <translation>En quarantaine</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="198" />
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="199" />
        <source>Recipient</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="200" />
        <source>Sender</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="201" />
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="202" />
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="203" />
        <source>Flags</source>
        <translation>Signalements</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="204" />
        <source>Checks</source>
        <translation>Contrôles</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="205" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="206" />
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_model.py" line="207" />
        <source>Quarantined at</source>
        <translation>Mis en quarantaine le</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../moderator_app/ui/review/queue_panel.py" line="88" />
        <source>Search names, town, message…</source>
        <translation>Chercher un nom, une ville, un message…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_panel.py" line="93" />
        <source>To review</source>
        <translation>À modérer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_panel.py" line="94" />
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_panel.py" line="95" />
        <source>Rejected</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_panel.py" line="96" />
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_panel.py" line="97" />
        <source>Quarantined</source>
        <translation>En quarantaine</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_panel.py" line="107" />
        <source>Any check result</source>
        <translation>Tous les contrôles</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_panel.py" line="108" />
        <source>Not checked yet</source>
        <translation>Pas encore contrôlé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_panel.py" line="124" />
        <source>Any flag</source>
        <translation>Tous les signalements</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/queue_panel.py" line="135" />
        <source>All countries</source>
        <translation>Tous les pays</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="39" />
        <source>Aired</source>
        <translation>Diffusé</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="32" />
        <source>Conflict: the spot has another length</source>
        <translation>Conflit : le spot a une autre durée</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="31" />
        <source>Conflict: the spot is for another country</source>
        <translation>Conflit : le spot est destiné à un autre pays</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="34" />
        <source>Conflict: the spot may not air now</source>
        <translation>Conflit : le spot ne peut pas être diffusé pour l'instant</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="36" />
        <source>Empty: no spot</source>
        <translation>Vide : aucun spot</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="59" />
        <source>Length</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="56" />
        <source>Local time</source>
        <translation>Heure locale</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="58" />
        <source>Programme</source>
        <translation>Programme</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="37" />
        <source>Scheduled</source>
        <translation>Programmé</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="57" />
        <source>Slot</source>
        <translation>Écran</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="60" />
        <source>Spot</source>
        <translation>Spot</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="38" />
        <source>Spot changed since scheduled</source>
        <translation>Spot modifié depuis sa programmation</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="61" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule_tree.py" line="89" />
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
</context>
<context>
    <name>ScheduleWindow</name>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="109" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="105" />
        <source>Fill automatically</source>
        <translation>Remplir automatiquement</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="106" />
        <source>Fill the open slots so that every spot airs once before any airs twice; slots already filled keep their spot</source>
        <translation>Remplit les écrans libres pour que chaque spot passe une fois avant qu'un spot passe deux fois ; les écrans déjà remplis gardent leur spot</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="213" />
        <source>Import a media plan</source>
        <translation>Importer un plan média</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="108" />
        <source>Import media plan…</source>
        <translation>Importer le plan média…</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="214" />
        <source>Media plans (*.csv *.xlsx);;All files (*)</source>
        <translation>Plans média (*.csv *.xlsx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="184" />
        <source>No rendered spot of this country and length</source>
        <translation>Aucun spot rendu de ce pays et de cette durée</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="223" />
        <source>Plan imported: {added} added, {updated} updated, {unchanged} unchanged</source>
        <translation>Plan importé : {added} ajoutés, {updated} modifiés, {unchanged} inchangés</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="103" />
        <source>Put on the slot</source>
        <translation>Placer sur l'écran</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="242" />
        <source>Refused: {reason}</source>
        <translation>Refusé : {reason}</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="101" />
        <source>Schedule</source>
        <translation>Programmation</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="246" />
        <source>Something went wrong: {name}</source>
        <translation>Une erreur est survenue : {name}</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="102" />
        <source>Spot for the selected slot:</source>
        <translation>Spot pour l'écran sélectionné :</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="104" />
        <source>Take off the slot</source>
        <translation>Retirer de l'écran</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="244" />
        <source>The file cannot be read: {reason}</source>
        <translation>Le fichier ne peut pas être lu : {reason}</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="240" />
        <source>The media plan was refused: nothing was imported</source>
        <translation>Le plan média a été refusé : rien n'a été importé</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="226" />
        <source>{n} notifications already sent announced another time: marked outdated</source>
        <translation>{n} notifications déjà envoyées annonçaient une autre heure : marquées comme périmées</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="229" />
        <source>{n} slots are not in this plan and were kept</source>
        <translation>{n} écrans ne figurent pas dans ce plan et ont été conservés</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="210" />
        <source>{n} slots changed</source>
        <translation>{n} écrans modifiés</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/campaign/schedule.py" line="136" />
        <source>{n} slots, {empty} empty, {marked} to check</source>
        <translation>{n} écrans, {empty} vides, {marked} à vérifier</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../moderator_app/ui/platform/settings_dialog.py" line="68" />
        <source>Not saved: {reason}.</source>
        <translation>Non enregistré : {reason}.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/settings_dialog.py" line="20" />
        <source>Platform account</source>
        <translation>Compte plateforme</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/settings_dialog.py" line="25" />
        <source>(unchanged)</source>
        <translation>(inchangé)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/settings_dialog.py" line="25" />
        <source>paste the token</source>
        <translation>collez le jeton</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/settings_dialog.py" line="27" />
        <source>Platform address</source>
        <translation>Adresse de la plateforme</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/settings_dialog.py" line="28" />
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/settings_dialog.py" line="33" />
        <source>The token is kept in the system keyring.</source>
        <translation>Le jeton est conservé dans le trousseau du système.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/settings_dialog.py" line="36" />
        <source>No system keyring is available on this computer: the token is kept for this session only and must be entered again after a restart. It is never written to a file.</source>
        <translation>Aucun trousseau système n'est disponible sur cet ordinateur : le jeton est gardé pour cette session seulement et devra être saisi de nouveau après un redémarrage. Il n'est jamais écrit dans un fichier.</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>This is not a web address. Write it in full, e.g. https://platform.example.org</source>
        <translation>Ce n’est pas une adresse web. Écrivez-la en entier, par exemple https://platform.example.org</translation>
    </message>
    <message>
        <source>The platform is only reached over https (http is allowed for this computer only: localhost, 127.0.0.1).</source>
        <translation>La plateforme ne se joint qu’en https (http n’est permis que pour cet ordinateur : localhost, 127.0.0.1).</translation>
    </message>
    <message>
        <source>The address contains a user name or password: remove it and put the token in the Token field (it is kept in the system keyring).</source>
        <translation>L’adresse contient un nom d’utilisateur ou un mot de passe : retirez-le et mettez le jeton dans le champ Jeton (il est gardé dans le trousseau du système).</translation>
    </message>
    <message>
        <source>The address contains a query (?…), which may hold a token: remove it and put the token in the Token field.</source>
        <translation>L’adresse contient une requête (?…), qui peut porter un jeton : retirez-la et mettez le jeton dans le champ Jeton.</translation>
    </message>
    <message>
        <source>The address contains a fragment (#…): remove it.</source>
        <translation>L’adresse contient un fragment (#…) : retirez-le.</translation>
    </message>
    <message>
        <source>This address cannot be used for the platform.</source>
        <translation>Cette adresse ne peut pas servir pour la plateforme.</translation>
    </message>
    <message>
        <source>Enter the platform address first.</source>
        <translation>Saisissez d’abord l’adresse de la plateforme.</translation>
    </message>
    <message>
        <source>Paste the token first.</source>
        <translation>Collez d’abord le jeton.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Connected: the platform accepted the token.</source>
        <translation>Connecté : la plateforme a accepté le jeton.</translation>
    </message>
    <message>
        <source>The platform refused the token: paste a new one.</source>
        <translation>La plateforme a refusé le jeton : collez-en un nouveau.</translation>
    </message>
    <message>
        <source>The platform's certificate could not be verified: check the address.</source>
        <translation>Le certificat de la plateforme n’a pas pu être vérifié : vérifiez l’adresse.</translation>
    </message>
    <message>
        <source>No answer from the platform: check the address and the network.</source>
        <translation>Pas de réponse de la plateforme : vérifiez l’adresse et le réseau.</translation>
    </message>
    <message>
        <source>Something answered, but not as the platform does: check the address.</source>
        <translation>Quelque chose a répondu, mais pas comme la plateforme : vérifiez l’adresse.</translation>
    </message>
    <message>
        <source>The platform refused the request: check the address.</source>
        <translation>La plateforme a refusé la demande : vérifiez l’adresse.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" />
        <source>Notifications: tell the senders when they air</source>
        <translation>Notifications : prévenir les expéditeurs du passage à l&apos;antenne</translation>
    </message>
    <message>
        <location filename="../work/wt/i13-schedule/moderator_app/ui/shortcuts.py" line="44" />
        <source>Open the schedule (media plan and air slots)</source>
        <translation>Ouvrir la programmation (plan média et écrans)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="1" />
        <source>Erase this person's data…</source>
        <translation>Effacer les données de cette personne…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="20" />
        <source>Approve and play the next clip</source>
        <translation>Approuver et lire la vidéo suivante</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="22" />
        <source>Reject and play the next clip</source>
        <translation>Refuser et lire la vidéo suivante</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="23" />
        <source>Undo the last decision</source>
        <translation>Annuler la dernière décision</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="24" />
        <source>Write a note</source>
        <translation>Écrire une note</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="25" />
        <source>Play / pause</source>
        <translation>Lecture / pause</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="26" />
        <source>Back 5 seconds</source>
        <translation>Reculer de 5 secondes</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="27" />
        <source>Forward 5 seconds</source>
        <translation>Avancer de 5 secondes</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="28" />
        <source>Next frame</source>
        <translation>Image suivante</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="29" />
        <source>Slower</source>
        <translation>Plus lent</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="30" />
        <source>Faster</source>
        <translation>Plus rapide</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="31" />
        <source>Mute / unmute</source>
        <translation>Couper / rétablir le son</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="32" />
        <source>Volume down</source>
        <translation>Baisser le volume</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="33" />
        <source>Volume up</source>
        <translation>Monter le volume</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="34" />
        <source>Play from the start</source>
        <translation>Reprendre au début</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="35" />
        <source>Next clip</source>
        <translation>Vidéo suivante</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="36" />
        <source>Previous clip</source>
        <translation>Vidéo précédente</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="37" />
        <source>Next clip to review</source>
        <translation>Prochaine vidéo à modérer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="38" />
        <source>Skip and hand the clip back</source>
        <translation>Passer et rendre la vidéo</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="39" />
        <source>Search names</source>
        <translation>Chercher un nom</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="40" />
        <source>Show or hide these shortcuts</source>
        <translation>Afficher ou masquer ces raccourcis</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="41" />
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="42" />
        <source>Run the clip checks again</source>
        <translation>Relancer les contrôles des vidéos</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="43" />
        <source>Open the spot editor</source>
        <translation>Ouvrir l'éditeur de spot</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" />
        <source>Show the audit log</source>
        <translation>Afficher le journal d'audit</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="43" />
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="45" />
        <source>About: version and licences</source>
        <translation>À propos : version et licences</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="48" />
        <source>Toggle flag {n}</source>
        <translation>Basculer le signalement {n}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="54" />
        <source>Decide</source>
        <translation>Décider</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="55" />
        <source>Playback</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="56" />
        <source>Queue</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="57" />
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="123" />
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="124" />
        <source>Press ? or Esc to close</source>
        <translation>Appuyez sur ? ou Échap pour fermer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="138" />
        <source>Toggle the flags shown beside each key</source>
        <translation>Basculer le signalement indiqué à côté de chaque touche</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/shortcuts.py" line="1" />
        <source>Show the campaign dashboard</source>
        <translation>Afficher le tableau de bord de la campagne</translation>
    </message>
    <message>
        <source>Toggle flag: {name}</source>
        <translation>Basculer le signalement : {name}</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Signalements</translation>
    </message>
    <message>
        <source>Change the keys…</source>
        <translation>Changer les touches…</translation>
    </message>
</context>
<context>
    <name>SpotEditorWindow</name>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="1" />
        <source>Slot {n}: clip {id} was consented under terms the campaign does not accept.</source>
        <translation>Case {n} : la vidéo {id} a été autorisée selon des conditions que la campagne n’accepte pas.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot_editor.py" line="260" />
        <source>Preview failed: {reason}</source>
        <translation>Échec de l'aperçu : {reason}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="170" />
        <source>The campaign's brand file cannot be used ({reason}): the neutral look is used.</source>
        <translation>Le fichier de marque de la campagne est inutilisable ({reason}) : l’habillage neutre est utilisé.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="176" />
        <source>Spot editor</source>
        <translation>Éditeur de spot</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/picker.py" line="80" />
        <source>Approved clips with broadcast consent</source>
        <translation>Vidéos approuvées avec accord de diffusion</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/picker.py" line="81" />
        <source>Search names, town, message</source>
        <translation>Chercher un nom, une ville, un message</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/picker.py" line="82" />
        <source>Place in the selected slot</source>
        <translation>Placer dans l'emplacement choisi</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/header.py" line="76" />
        <source>Spot</source>
        <translation>Spot</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/header.py" line="77" />
        <source>Length</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/header.py" line="78" />
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/header.py" line="79" />
        <source>Joins</source>
        <translation>Raccords</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/header.py" line="80" />
        <source>Cut</source>
        <translation>Coupe franche</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/header.py" line="81" />
        <source>Dissolve (8 frames)</source>
        <translation>Fondu (8 images)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/header.py" line="82" />
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/header.py" line="83" />
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/header.py" line="84" />
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="177" />
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="178" />
        <source>Fit to length</source>
        <translation>Ajuster à la durée</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="179" />
        <source>Propose in and out points that make the spot exactly its length</source>
        <translation>Proposer des points d'entrée et de sortie qui donnent au spot sa durée exacte</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="180" />
        <source>Made for</source>
        <translation>Destiné à</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/inspector.py" line="80" />
        <source>Slots</source>
        <translation>Emplacements</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/inspector.py" line="81" />
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/inspector.py" line="82" />
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/inspector.py" line="83" />
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/inspector.py" line="84" />
        <source>In (frame)</source>
        <translation>Entrée (image)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/inspector.py" line="85" />
        <source>Out (frame)</source>
        <translation>Sortie (image)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/inspector.py" line="86" />
        <source>Lower third</source>
        <translation>Bandeau</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/picker.py" line="109" />
        <source>All countries</source>
        <translation>Tous les pays</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/picker.py" line="110" />
        <source>Any findings</source>
        <translation>Tous les constats</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/picker.py" line="107" />
        <source>No findings</source>
        <translation>Sans constat</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="253" />
        <source>Fitted: every message trimmed around its centre to make the exact length.</source>
        <translation>Ajusté : chaque message est coupé autour de son centre pour la durée exacte.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/timeline.py" line="60" />
        <source>Fitted: every message whole; the cards hold {seconds} s longer (intro +{intro} s, outro +{outro} s, between messages {between} s).</source>
        <translation>Ajusté : chaque message en entier ; les cartons durent {seconds} s de plus (intro +{intro} s, fin +{outro} s, entre les messages {between} s).</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="297" />
        <source>Slot {n} is empty.</source>
        <translation>L'emplacement {n} est vide.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="300" />
        <source>The spot is not exactly {frames} frames: fit it or trim the messages.</source>
        <translation>Le spot ne fait pas exactement {frames} images : ajustez-le ou coupez les messages.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/timeline.py" line="63" />
        <source>{frames} / {target} frames · {tc} / {ttc}</source>
        <translation>{frames} / {target} images · {tc} / {ttc}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/inspector.py" line="95" />
        <source>{n}. (empty)</source>
        <translation>{n}. (vide)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="329" />
        <source>Slot {n}: clip {id} is no longer approved.</source>
        <translation>Emplacement {n} : la vidéo {id} n'est plus approuvée.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="331" />
        <source>Slot {n}: clip {id} has lost its broadcast consent.</source>
        <translation>Emplacement {n} : la vidéo {id} n'a plus d'accord de diffusion.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="336" />
        <source>This spot cannot air as it is. Replace these clips:</source>
        <translation>Ce spot ne peut pas être diffusé tel quel. Remplacez ces vidéos :</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="360" />
        <source>Preparing the preview…</source>
        <translation>Préparation de l'aperçu…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="370" />
        <source>Preview playing ({w}x{h} proxy).</source>
        <translation>Lecture de l'aperçu (version {w}x{h}).</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="394" />
        <source>Saved {id}.</source>
        <translation>{id} enregistré.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/editor.py" line="408" />
        <source>No saved spot {id}.</source>
        <translation>Aucun spot enregistré sous {id}.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Campaign spots…</source>
        <translation>Spots de la campagne…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Rendered (fails a rule)</source>
        <translation>Rendu (une règle n’est pas respectée)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Verified</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Campaign spots</source>
        <translation>Spots de la campagne</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Frames</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Plan spots</source>
        <translation>Composer les spots</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Re-plan</source>
        <translation>Recomposer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Open in editor</source>
        <translation>Ouvrir dans l’éditeur</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Swap</source>
        <translation>Remplacer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Render all</source>
        <translation>Tout rendre</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Replace message</source>
        <translation>Remplacer le message</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>with</source>
        <translation>par</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>%n spot(s) planned.</source>
        <translation>%n spot(s) composé(s).</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Could not do it: %1</source>
        <translation>Impossible : %1</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>%1 of %2 spots</source>
        <translation>%1 spots sur %2</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>about %1 s left</source>
        <translation>environ %1 s restantes</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>%1 rendered, %2 failed, %3 already rendered.</source>
        <translation>%1 rendu(s), %2 en échec, %3 déjà rendu(s).</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Cancelled: a new run renders what is missing.</source>
        <translation>Annulé : un nouveau lancement rend ce qui manque.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/spot/campaign.py" line="1" />
        <source>Spots planned: %n.</source>
        <translation>
            <numerusform>%n spot composé.</numerusform>
            <numerusform>%n spots composés.</numerusform>
        </translation>
    </message>
    <message>
        <source>This clip is already in slot {n}: a clip goes in a spot once.</source>
        <translation>Cette vidéo est déjà dans l’emplacement {n} : une vidéo ne va qu’une fois dans un spot.</translation>
    </message>
    <message>
        <source>Choose a message first: slot {n} is empty.</source>
        <translation>Choisissez d’abord un message : l’emplacement {n} est vide.</translation>
    </message>
    <message>
        <source>Move the playhead into message {n} first (click the ruler or scrub the preview).</source>
        <translation>Placez d’abord la tête de lecture dans le message {n} (cliquez sur la règle ou faites défiler l’aperçu).</translation>
    </message>
    <message>
        <source>Saved spots</source>
        <translation>Spots enregistrés</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>pas encore contrôlée</translation>
    </message>
    <message>
        <source>Flagged: {flags}</source>
        <translation>Signalements : {flags}</translation>
    </message>
    <message>
        <source>✓ In slot {n} · </source>
        <translation>✓ Emplacement {n} · </translation>
    </message>
    <message numerus="yes">
        <source>Messages placed: %n, lasting {have} in all; a {need} spot needs at least {least} of them.</source>
        <translation>
            <numerusform>Le message dure {have} ; un spot de {need} demande au moins {least} de messages.</numerusform>
            <numerusform>Les %n messages durent {have} en tout ; un spot de {need} demande au moins {least} de messages.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fit would cut a message to {cut}; messages shorter than {minimum} are hard to follow.</source>
        <translation>L’ajustement couperait un message à {cut} ; un message de moins de {minimum} est difficile à suivre.</translation>
    </message>
    <message>
        <source>The spot lasts {have} as placed; it needs {need}.</source>
        <translation>Le spot dure {have} tel qu’il est placé ; il lui faut {need}.</translation>
    </message>
    <message>
        <source>Fit to {length}</source>
        <translation>Ajuster à {length}</translation>
    </message>
    <message>
        <source>Hold the last card {more} longer</source>
        <translation>Tenir le dernier carton {more} de plus</translation>
    </message>
    <message>
        <source>Make it a {length} spot</source>
        <translation>En faire un spot de {length}</translation>
    </message>
    <message>
        <source>Remove message {n}</source>
        <translation>Retirer le message {n}</translation>
    </message>
    <message>
        <source>Cut them anyway</source>
        <translation>Couper quand même</translation>
    </message>
    <message>
        <source>A spot's name is made of letters, digits, '_', '.' and '-' (64 at most): it names its files.</source>
        <translation>Le nom d’un spot se compose de lettres, de chiffres, de « _ », « . » et « - » (64 au plus) : il nomme ses fichiers.</translation>
    </message>
    <message>
        <source>Clip {id} cannot go on air: it is not approved.</source>
        <translation>La vidéo {id} ne peut pas passer à l’antenne : elle n’est pas approuvée.</translation>
    </message>
    <message>
        <source>Clip {id} cannot go on air: the sender did not consent to broadcast.</source>
        <translation>La vidéo {id} ne peut pas passer à l’antenne : l’expéditeur n’a pas accepté la diffusion.</translation>
    </message>
    <message>
        <source>Clip {id} cannot go on air: its consent terms are not accepted by the campaign.</source>
        <translation>La vidéo {id} ne peut pas passer à l’antenne : la campagne n’accepte pas les conditions de son accord.</translation>
    </message>
</context>
<context>
    <name>SpotExportDialog</name>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="106" />
        <location filename="../../moderator_app/ui/spot/export.py" line="170" />
        <source>Export the spot</source>
        <translation>Exporter le spot</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="119" />
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="124" />
        <source>Preset</source>
        <translation>Format de livraison</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="125" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="131" />
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="133" />
        <source>Cancel export</source>
        <translation>Annuler l'export</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="189" />
        <source>Rendering {preset}…</source>
        <translation>Rendu {preset}…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="204" />
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="219" />
        <source>Written: {path}</source>
        <translation>Écrit : {path}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="228" />
        <source>Export cancelled; nothing was written.</source>
        <translation>Export annulé ; rien n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/export.py" line="230" />
        <source>Export failed: {reason}</source>
        <translation>Échec de l'export : {reason}</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>SpotPreview</name>
    <message>
        <location filename="../../moderator_app/ui/spot/preview.py" line="227" />
        <source>Play / pause</source>
        <translation>Lecture / pause</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/preview.py" line="228" />
        <source>Safe area</source>
        <translation>Zone de sécurité</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/preview.py" line="229" />
        <source>Outline the area where titles and logos must stay for the export preset</source>
        <translation>Montrer la zone où titres et logos doivent rester pour le format de livraison</translation>
    </message>
</context>
<context>
    <name>SpotTimeline</name>
    <message>
        <location filename="../../moderator_app/ui/spot/timeline.py" line="205" />
        <source>Card {seconds} s</source>
        <translation>Carton {seconds} s</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/timeline.py" line="178" />
        <source>Intro</source>
        <translation>Intro</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/timeline.py" line="180" />
        <source>Outro</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/spot/timeline.py" line="183" />
        <source>{n}: empty</source>
        <translation>{n} : vide</translation>
    </message>
</context>
<context>
    <name>SyncLogDialog</name>
    <message>
        <location filename="../../moderator_app/ui/platform/sync_log.py" line="23" />
        <source>Sync log</source>
        <translation>Journal de synchro</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/sync_log.py" line="36" />
        <source>Conflicts:</source>
        <translation>Conflits :</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="53" />
        <source>Sync log</source>
        <translation>Journal de synchro</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="56" />
        <source>Platform…</source>
        <translation>Plateforme…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="67" />
        <source>Platform: not set up</source>
        <translation>Plateforme : non configurée</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="69" />
        <source>Platform: token refused</source>
        <translation>Plateforme : jeton refusé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="71" />
        <source>Platform: syncing…</source>
        <translation>Plateforme : synchronisation…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="73" />
        <source>Platform: connecting…</source>
        <translation>Plateforme : connexion…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="75" />
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="75" />
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="77" />
        <source>Downloading {done}/{total} clips ({mb} of {total_mb} MB)</source>
        <translation>Téléchargement {done}/{total} vidéos ({mb} sur {total_mb} Mo)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="82" />
        <source>Outbox: {n} to send</source>
        <translation>Envois : {n} à transmettre</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="82" />
        <source>Outbox: all sent</source>
        <translation>Envois : tout est transmis</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="84" />
        <source>{n} conflicts</source>
        <translation>{n} conflits</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/platform/status.py" line="87" />
        <source>Last sync: {at}</source>
        <translation>Dernière synchro : {at}</translation>
    </message>
    <message numerus="yes">
        <source>Conflicts: %n</source>
        <translation>
            <numerusform>%n conflit</numerusform>
            <numerusform>%n conflits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VlcPlayer</name>
    <message>
        <location filename="../../moderator_app/player/vlcplayer.py" line="193" />
        <source>no video could be decoded from this file</source>
        <translation>aucune image n'a pu être décodée dans ce fichier</translation>
    </message>
    <message>
        <location filename="../../moderator_app/player/vlcplayer.py" line="199" />
        <source>VLC could not open or decode this file</source>
        <translation>VLC n'a pas pu ouvrir ou décoder ce fichier</translation>
    </message>
    <message>
        <location filename="../../moderator_app/player/vlcplayer.py" line="234" />
        <source>no picture after {0} s: the file is not a playable video</source>
        <translation>aucune image après {0} s : le fichier n'est pas une vidéo lisible</translation>
    </message>
    <message>
        <location filename="../../moderator_app/player/vlcplayer.py" line="295" />
        <source>VLC could not start this file</source>
        <translation>VLC n'a pas pu lancer ce fichier</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Undo</source>
        <translation>Annulation</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Erasure</source>
        <translation>Effacement</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Purge</source>
        <translation>Purge</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Spot export</source>
        <translation>Export de spot</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Access export</source>
        <translation>Export pour une demande d'accès</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Notification</source>
        <translation>Notification</translation>
    </message>
    <message>
        <source>undoes entry {seq}</source>
        <translation>annule l’entrée {seq}</translation>
    </message>
    <message>
        <source>with a note</source>
        <translation>avec une note</translation>
    </message>
    <message>
        <source>Back to review</source>
        <translation>Remis à modérer</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <source>Approved despite a blocking flag</source>
        <translation>Approuvé malgré un signalement bloquant</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Audit log</source>
        <translation>Journal d'audit</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Moderator</source>
        <translation>Modérateur</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Since</source>
        <translation>Depuis le</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>When (UTC)</source>
        <translation>Quand (UTC)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Submission</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Everyone</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>{n} entries</source>
        <translation>Entrées : {n}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/audit.py" />
        <source>Export the audit log</source>
        <translation>Exporter le journal d'audit</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entrée</numerusform>
            <numerusform>%n entrées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>Only a tombstone stays (id, date, reason), so no sync brings it back. This cannot be undone.</source>
        <translation>Seule une trace reste (identifiant, date, motif), pour qu’aucune synchronisation ne le ramène. Action irréversible.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>These masters carry the message and are outside the data folder: delete them by hand:</source>
        <translation>Ces masters contiennent le message et sont hors du dossier de données : supprimez-les à la main :</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>• master {path} (in the data folder) is deleted</source>
        <translation>• le master {path} (dans le dossier de données) est supprimé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>• spot {spot}: slot {n} is emptied; the spot cannot be exported until it is refilled</source>
        <translation>• spot {spot} : l’emplacement {n} est vidé ; le spot ne peut pas être exporté tant qu’il n’est pas rempli</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>• {n} decision(s) not yet on the platform: sent first if the platform answers, else dropped</source>
        <translation>• {n} décision(s) pas encore sur la plateforme : envoyées d’abord si la plateforme répond, sinon abandonnées</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>• the notes of {n} decision(s); who decided what and when is kept</source>
        <translation>• les notes de {n} décision(s) ; qui a décidé quoi et quand est conservé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>• check results and fingerprints: {n}</source>
        <translation>• résultats des contrôles et empreintes : {n}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>• the record (names, e-mail, phone, message) and {n} clip file(s)</source>
        <translation>• la fiche (noms, e-mail, téléphone, message) et {n} fichier(s) vidéo</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>Submission {id} will be erased everywhere in this cache:</source>
        <translation>L’envoi {id} sera effacé partout dans ce cache :</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>Erase this person's data</source>
        <translation>Effacer les données de cette personne</translation>
    </message>
    <message numerus="yes">
        <source>• the record (names, e-mail, phone, message) and %n clip file(s)</source>
        <translation>
            <numerusform>• la fiche (noms, e-mail, téléphone, message) et %n fichier vidéo</numerusform>
            <numerusform>• la fiche (noms, e-mail, téléphone, message) et %n fichiers vidéo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• the notes of %n decision(s); who decided what and when is kept</source>
        <translation>
            <numerusform>• la note de %n décision ; qui a décidé quoi et quand est conservé</numerusform>
            <numerusform>• les notes de %n décisions ; qui a décidé quoi et quand est conservé</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n decision(s) not yet on the platform: sent first if the platform answers, else dropped</source>
        <translation>
            <numerusform>• %n décision pas encore sur la plateforme : envoyée d’abord si la plateforme répond, sinon abandonnée</numerusform>
            <numerusform>• %n décisions pas encore sur la plateforme : envoyées d’abord si la plateforme répond, sinon abandonnées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EraseFlow</name>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>Erase failed: {reason}</source>
        <translation>L’effacement a échoué : {reason}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>Delete these masters by hand: {paths}</source>
        <translation>Supprimez ces masters à la main : {paths}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/erase.py" line="1" />
        <source>Erased {ids}.</source>
        <translation>{ids} effacé(s).</translation>
    </message>
</context>
<context>
    <name>StartupPurge</name>
    <message>
        <location filename="../../moderator_app/ui/review/retention.py" line="1" />
        <source>{n} submissions purged under the retention rules (clips, names and contacts deleted)</source>
        <translation>{n} envois purgés selon les règles de conservation (vidéos, noms et coordonnées supprimés)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/retention.py" line="1" />
        <source>The retention purge failed: {error}</source>
        <translation>La purge de conservation a échoué : {error}</translation>
    </message>
    <message numerus="yes">
        <source>%n submission(s) purged under the retention rules (clips, names and contacts deleted)</source>
        <translation>
            <numerusform>%n envoi purgé selon les règles de conservation (vidéos, noms et coordonnées supprimés)</numerusform>
            <numerusform>%n envois purgés selon les règles de conservation (vidéos, noms et coordonnées supprimés)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <location filename="../../moderator_app/ui/campaign/charts.py" line="1" />
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
</context>
<context>
    <name>CountryChart</name>
    <message>
        <location filename="../../moderator_app/ui/campaign/charts.py" line="1" />
        <source>Approvals per country</source>
        <translation>Approbations par pays</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/charts.py" line="1" />
        <source>No approvals yet</source>
        <translation>Aucune approbation pour l’instant</translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/charts.py" line="1" />
        <source>%Ln other countries</source>
        <translation>
            <numerusform>%Ln autre pays</numerusform>
            <numerusform>%Ln autres pays</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Campaign dashboard</source>
        <translation>Tableau de bord de la campagne</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Read the figures again (F5)</source>
        <translation>Relire les chiffres (F5)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Decisions per moderator per day (UTC)</source>
        <translation>Décisions par modérateur et par jour (UTC)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Moderator</source>
        <translation>Modérateur</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Approved</source>
        <translation>Approuvés</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Rejected</source>
        <translation>Refusés</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>The figures could not be read: {reason}</source>
        <translation>Impossible de lire les chiffres : {reason}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>As of {when}</source>
        <translation>Au {when}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>%Ln spot(s) saved</source>
        <translation>
            <numerusform>%Ln spot enregistré</numerusform>
            <numerusform>%Ln spots enregistrés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>%Ln rendered</source>
        <translation>
            <numerusform>%Ln rendu</numerusform>
            <numerusform>%Ln rendus</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>%Ln on air slots</source>
        <translation>
            <numerusform>%Ln programmé</numerusform>
            <numerusform>%Ln programmés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>%Ln air slot(s)</source>
        <translation>
            <numerusform>%Ln créneau de diffusion</numerusform>
            <numerusform>%Ln créneaux de diffusion</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>%Ln assigned</source>
        <translation>
            <numerusform>%Ln attribué</numerusform>
            <numerusform>%Ln attribués</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>%Ln empty</source>
        <translation>
            <numerusform>%Ln vide</numerusform>
            <numerusform>%Ln vides</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>%Ln past</source>
        <translation>
            <numerusform>%Ln passé</numerusform>
            <numerusform>%Ln passés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>%Ln decision(s)</source>
        <translation>
            <numerusform>%Ln décision</numerusform>
            <numerusform>%Ln décisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>%Ln notification(s) in doubt</source>
        <translation>
            <numerusform>%Ln notification incertaine</numerusform>
            <numerusform>%Ln notifications incertaines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>%Ln deferred</source>
        <translation>
            <numerusform>%Ln reportée</numerusform>
            <numerusform>%Ln reportées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>%Ln outdated</source>
        <translation>
            <numerusform>%Ln périmée</numerusform>
            <numerusform>%Ln périmées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>%Ln erased</source>
        <translation>
            <numerusform>%Ln envoi effacé</numerusform>
            <numerusform>%Ln envois effacés</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Spots: {spots}   ·   Air slots: {slots}   ·   {rest}</source>
        <translation>Spots : {spots}   ·   Créneaux : {slots}   ·   {rest}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Received</source>
        <translation>Reçus</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Quarantined</source>
        <translation>En quarantaine</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Screened</source>
        <translation>Examinés</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>To review</source>
        <translation>À examiner</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>In spots</source>
        <translation>Dans des spots</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Rendered</source>
        <translation>Rendus</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Scheduled</source>
        <translation>Programmés</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Aired</source>
        <translation>Diffusés</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Notified</source>
        <translation>Prévenus</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/dashboard.py" line="1" />
        <source>Notification failed</source>
        <translation>Notification en échec</translation>
    </message>
</context>
<context>
    <name>HourChart</name>
    <message>
        <location filename="../../moderator_app/ui/campaign/charts.py" line="1" />
        <source>Decisions per hour (UTC)</source>
        <translation>Décisions par heure (UTC)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/charts.py" line="1" />
        <source>No decisions yet</source>
        <translation>Aucune décision pour l’instant</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/charts.py" line="1" />
        <source>{hour}:00</source>
        <translation>{hour} h</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/charts.py" line="1" />
        <source>Rejected</source>
        <translation>Refusés</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/charts.py" line="1" />
        <source>Approved</source>
        <translation>Approuvés</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/charts.py" line="1" />
        <source>{day} {hour}: approved {approved}, rejected {rejected}</source>
        <translation>{day} {hour} — approuvés : {approved}, refusés : {rejected}</translation>
    </message>
</context>
<context>
    <name>EditorShortcuts</name>
    <message>
        <source>Play / pause the preview</source>
        <translation>Lire / mettre en pause l’aperçu</translation>
    </message>
    <message>
        <source>Start the selected message here (in)</source>
        <translation>Faire commencer le message choisi ici (entrée)</translation>
    </message>
    <message>
        <source>End the selected message here (out)</source>
        <translation>Faire finir le message choisi ici (sortie)</translation>
    </message>
    <message>
        <source>Remove the selected message</source>
        <translation>Retirer le message choisi</translation>
    </message>
    <message>
        <source>Fit to length</source>
        <translation>Ajuster à la durée</translation>
    </message>
    <message>
        <source>Save the spot</source>
        <translation>Enregistrer le spot</translation>
    </message>
    <message>
        <source>Export the spot…</source>
        <translation>Exporter le spot…</translation>
    </message>
    <message>
        <source>Show or hide these shortcuts</source>
        <translation>Afficher ou masquer ces raccourcis</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Spot</source>
        <translation>Spot</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
</context>
<context>
    <name>KeySettings</name>
    <message>
        <source>Review desk</source>
        <translation>Poste de visionnage</translation>
    </message>
    <message>
        <source>Spot editor</source>
        <translation>Éditeur de spot</translation>
    </message>
</context>
<context>
    <name>KeySettingsDialog</name>
    <message>
        <source>{key} is kept for leaving the note and closing panels.</source>
        <translation>{key} est réservée pour quitter la note et fermer les panneaux.</translation>
    </message>
    <message>
        <source>{key} is already used by “{title}”. Choose another key, or change that one first.</source>
        <translation>{key} sert déjà à « {title} ». Choisissez une autre touche, ou changez d’abord celle-là.</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>Rétablir les touches par défaut</translation>
    </message>
    <message>
        <source>No key given: the key stays as it was.</source>
        <translation>Aucune touche donnée : la touche reste inchangée.</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Click a key field, then press the new key. Changes apply at once.</source>
        <translation>Cliquez dans un champ, puis appuyez sur la nouvelle touche. Les changements s’appliquent aussitôt.</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>Approve anyway</source>
        <translation>Approuver quand même</translation>
    </message>
    <message>
        <source>This clip is flagged:
{flags}

The campaign does not air such clips without a second look. Approve it anyway?</source>
        <translation>Cette vidéo est signalée :
{flags}

La campagne ne diffuse pas de telles vidéos sans un second regard. L’approuver quand même ?</translation>
    </message>
    <message>
        <source>Approve despite a blocking flag?</source>
        <translation>Approuver malgré un signalement bloquant ?</translation>
    </message>
    <message>
        <source>Undone: {clip} is {decision} again</source>
        <translation>Annulé : {clip} est de nouveau {decision}</translation>
    </message>
    <message>
        <source>Undone: {clip} is back to review, with its flags and note</source>
        <translation>Annulé : {clip} revient à modérer, avec ses signalements et sa note</translation>
    </message>
    <message>
        <source>{decision}: {clip} — {key} to undo</source>
        <translation>{decision} : {clip} — {key} pour annuler</translation>
    </message>
    <message>
        <source>Back to review</source>
        <translation>Remis à modérer</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <source>message {id}</source>
        <translation>message {id}</translation>
    </message>
    <message>
        <source>message for {recipient}</source>
        <translation>message pour {recipient}</translation>
    </message>
    <message>
        <source>message for {recipient} from {sender}</source>
        <translation>message pour {recipient} de {sender}</translation>
    </message>
</context>
<context>
    <name>Foldable</name>
    <message>
        <location filename="../../moderator_app/ui/review/layout.py" line="1" />
        <source>Clip checks</source>
        <translation>Contrôles de la vidéo</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/layout.py" line="1" />
        <source>Show or hide the figures the automatic checks measured</source>
        <translation>Afficher ou masquer les mesures des contrôles automatiques</translation>
    </message>
</context>
<context>
    <name>FilterChip</name>
    <message>
        <location filename="../../moderator_app/ui/review/filter_bar.py" line="1" />
        <source>Filtered: {filters}</source>
        <translation>Filtré : {filters}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/filter_bar.py" line="1" />
        <source>Esc in the search box clears the search</source>
        <translation>Échap dans la recherche l’efface</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/filter_bar.py" line="1" />
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
</context>
<context>
    <name>EmptyNotice</name>
    <message>
        <location filename="../../moderator_app/ui/review/filter_bar.py" line="1" />
        <source>Nothing left here — clear filters</source>
        <translation>Plus rien ici — effacez les filtres</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/filter_bar.py" line="1" />
        <source>Nothing left here.</source>
        <translation>Plus rien ici.</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/filter_bar.py" line="1" />
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
</context>
<context>
    <name>QuarantinePanel</name>
    <message>
        <location filename="../../moderator_app/ui/review/quarantine_panel.py" line="1" />
        <source>Quarantined record</source>
        <translation>Enregistrement en quarantaine</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/quarantine_panel.py" line="1" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/quarantine_panel.py" line="1" />
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/quarantine_panel.py" line="1" />
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/quarantine_panel.py" line="1" />
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/quarantine_panel.py" line="1" />
        <source>Show the folder that holds this record in the file manager</source>
        <translation>Afficher le dossier de cet enregistrement dans le gestionnaire de fichiers</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/quarantine_panel.py" line="1" />
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/quarantine_panel.py" line="1" />
        <source>Read this record again (after fixing or replacing its files)</source>
        <translation>Relire cet enregistrement (après avoir corrigé ou remplacé ses fichiers)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/review/quarantine_panel.py" line="1" />
        <source>Records from the platform are retried with its next sync</source>
        <translation>Les enregistrements de la plateforme sont réessayés à sa prochaine synchro</translation>
    </message>
</context>
<context>
    <name>Notify</name>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>no platform token: enter it in the platform settings first</source>
        <translation>aucun jeton de plateforme : saisissez-le d&apos;abord dans les réglages de la plateforme</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>In doubt (the last run stopped while sending)</source>
        <translation>Incertain (le dernier envoi s&apos;est arrêté en cours)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Outdated: the slot moved after it was sent</source>
        <translation>Périmé : le passage a été déplacé après l&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>To send</source>
        <translation>À envoyer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Deferred (retry)</source>
        <translation>Différé (nouvel essai)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>To send again</source>
        <translation>À renvoyer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>To send again (slot moved)</source>
        <translation>À renvoyer (passage déplacé)</translation>
    </message>
</context>
<context>
    <name>NotifyDialog</name>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>A template is broken: {reason}</source>
        <translation>Un modèle est invalide : {reason}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Calendar invitation: {summary}</source>
        <translation>Invitation agenda : {summary}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Channel</source>
        <translation>Chaîne</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Dry run to folder…</source>
        <translation>Essai à blanc dans un dossier…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Local time</source>
        <translation>Heure locale</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>No preview: {reason}</source>
        <translation>Pas d&apos;aperçu : {reason}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Not sent: {reason}</source>
        <translation>Non envoyé : {reason}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Recipient</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Sent {sent}, failed {failed}, deferred {deferred}, in doubt {doubt}, skipped {skipped}</source>
        <translation>Envoyés {sent}, échecs {failed}, différés {deferred}, incertains {doubt}, ignorés {skipped}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Slot</source>
        <translation>Passage</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Stopping after the message being sent…</source>
        <translation>Arrêt après le message en cours d&apos;envoi…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Subject: {subject}</source>
        <translation>Objet : {subject}</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Working…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>Write the messages into a folder</source>
        <translation>Écrire les messages dans un dossier</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>stopped: {reason}</source>
        <translation>arrêté : {reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>%n message(s) written; nothing was sent</source>
        <translation>
            <numerusform>%n message écrit ; rien n&apos;a été envoyé</numerusform>
            <numerusform>%n messages écrits ; rien n&apos;a été envoyé</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../moderator_app/ui/campaign/notify.py" />
        <source>%n notification(s) to send</source>
        <translation>
            <numerusform>%n notification à envoyer</numerusform>
            <numerusform>%n notifications à envoyer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendForm</name>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>E-mail through the agency&apos;s SMTP relay</source>
        <translation>E-mail par le relais SMTP de l&apos;agence</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>Encryption</source>
        <translation>Chiffrement</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>From</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>How to send</source>
        <translation>Mode d&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>None (a relay on this machine only)</source>
        <translation>Aucun (relais sur cette machine uniquement)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>Platform address</source>
        <translation>Adresse de la plateforme</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>Relay (host:port)</source>
        <translation>Relais (hôte:port)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (port 587)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>Send by</source>
        <translation>Envoyer par</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>TLS (port 465)</source>
        <translation>TLS (port 465)</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>The platform sends it</source>
        <translation>La plateforme l&apos;envoie</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location filename="../../moderator_app/ui/campaign/notify_form.py" />
        <source>empty: the one kept in the system keyring</source>
        <translation>vide : celui du trousseau du système</translation>
    </message>
</context>
</TS>