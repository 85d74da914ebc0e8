<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name>AuditDialog</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message numerus="yes">
        <source>• the record (names, e-mail, phone, message) and %n clip file(s)</source>
        <translation>
            <numerusform>• the record (names, e-mail, phone, message) and %n clip file</numerusform>
            <numerusform>• the record (names, e-mail, phone, message) and %n clip files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• the notes of %n decision(s); who decided what and when is kept</source>
        <translation>
            <numerusform>• the note of %n decision; who decided what and when is kept</numerusform>
            <numerusform>• the notes of %n decisions; who decided what and when is kept</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n decision(s) not yet on the platform: sent first if the platform answers, else dropped</source>
        <translation>
            <numerusform>• %n decision not yet on the platform: sent first if the platform answers, else dropped</numerusform>
            <numerusform>• %n decisions not yet on the platform: sent first if the platform answers, else dropped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Last sync: %n added</source>
        <translation>
            <numerusform>Last sync: %n added</numerusform>
            <numerusform>Last sync: %n added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checks: %n clip(s) checked</source>
        <translation>
            <numerusform>Checks: %n clip checked</numerusform>
            <numerusform>Checks: %n clips checked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to retry</source>
        <translation>
            <numerusform>%n to retry</numerusform>
            <numerusform>%n to retry</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n quarantined</source>
        <translation>
            <numerusform>%n quarantined</numerusform>
            <numerusform>%n quarantined</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StartupPurge</name>
    <message numerus="yes">
        <source>%n submission(s) purged under the retention rules (clips, names and contacts deleted)</source>
        <translation>
            <numerusform>%n submission purged under the retention rules (clips, names and contacts deleted)</numerusform>
            <numerusform>%n submissions purged under the retention rules (clips, names and contacts deleted)</numerusform>
        </translation>
    </message>
</context>
</TS>
