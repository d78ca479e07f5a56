<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>mdse::app::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Open Network</source>
        <translation>Netz öffnen</translation>
    </message>
    <message>
        <source>Networks (*.yaml *.yml *.onnx);;YAML networks (*.yaml *.yml);;ONNX models (*.onnx);;All files (*)</source>
        <translation>Netze (*.yaml *.yml *.onnx);;YAML-Netze (*.yaml *.yml);;ONNX-Modelle (*.onnx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>MicroDSE Studio</source>
        <translation>MicroDSE Studio</translation>
    </message>
    <message>
        <source>No network</source>
        <translation>Kein Netz</translation>
    </message>
    <message>
        <source>%1 on %2[*] — MicroDSE Studio</source>
        <translation>%1 auf %2[*] — MicroDSE Studio</translation>
    </message>
    <message>
        <source>The network could not be opened.</source>
        <translation>Das Netz konnte nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>mdse::app::Startup</name>
    <message>
        <source>Design-space exploration of neural networks on micro hardware.</source>
        <translation>Entwurfsraumexploration neuronaler Netze auf Mikro-Hardware.</translation>
    </message>
    <message>
        <source>A YAML network file or zoo:&lt;id&gt; (default: %1).</source>
        <translation>Eine YAML-Netzdatei oder zoo:&lt;id&gt; (Standard: %1).</translation>
    </message>
    <message>
        <source>The MCU target id (default: %1).</source>
        <translation>Die Kennung des MCU-Ziels (Standard: %1).</translation>
    </message>
    <message>
        <source>The user-interface language, e.g. de or en.</source>
        <translation>Die Sprache der Benutzeroberfläche, z. B. de oder en.</translation>
    </message>
</context>
<context>
    <name>mdse::models::LayerTableModel</name>
    <message>
        <source>%1 (depthwise)</source>
        <translation>%1 (tiefenweise)</translation>
    </message>
    <message>
        <source>%1 (pointwise)</source>
        <translation>%1 (punktweise)</translation>
    </message>
    <message>
        <source>%1 weights + %2 biases</source>
        <translation>%1 Gewichte + %2 Biases</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Input shape</source>
        <translation>Eingabeform</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
</context>
<context>
    <name>mdse::models::QuantityFormat</name>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation>%1 kB</translation>
    </message>
    <message>
        <source>%1 MHz</source>
        <translation>%1 MHz</translation>
    </message>
</context>
<context>
    <name>mdse::models::StudioDocument</name>
    <message>
        <source>%1: not enough memory to load this network</source>
        <translation>%1: nicht genug Speicher, um dieses Netz zu laden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>mdse::widgets::InputShapeDialog</name>
    <message>
        <source>Input Shapes</source>
        <translation>Eingabeformen</translation>
    </message>
    <message>
        <source>%1 has symbolic input dimensions. Enter their extents; the batch is fixed at 1.</source>
        <translation>%1 hat symbolische Eingabedimensionen. Geben Sie ihre Größen ein; der Batch ist auf 1 festgelegt.</translation>
    </message>
    <message>
        <source>Axis %1</source>
        <translation>Achse %1</translation>
    </message>
    <message>
        <source>Axis %1 (%2)</source>
        <translation>Achse %1 (%2)</translation>
    </message>
    <message>
        <source>Batch, fixed at 1</source>
        <translation>Batch, auf 1 festgelegt</translation>
    </message>
    <message>
        <source>Batch (%1), fixed at 1</source>
        <translation>Batch (%1), auf 1 festgelegt</translation>
    </message>
</context>
<context>
    <name>mdse::widgets::LayerTableView</name>
    <message>
        <source>Filter layers by name or op</source>
        <translation>Schichten nach Name oder Operation filtern</translation>
    </message>
    <message>
        <source>&amp;Find Layer…</source>
        <translation>Schicht &amp;suchen…</translation>
    </message>
    <message>
        <source>&amp;Execution Order</source>
        <translation>&amp;Ausführungsreihenfolge</translation>
    </message>
    <message>
        <source>No network</source>
        <translation>Kein Netz</translation>
    </message>
    <message>
        <source>layers %1 · params %2 · MACs %3 · activation elements %4</source>
        <translation>Schichten %1 · Parameter %2 · MACs %3 · Aktivierungselemente %4</translation>
    </message>
</context>
<context>
    <name>mdse::widgets::TargetSummaryWidget</name>
    <message>
        <source>%1 = %2 (%3 B)</source>
        <translation>%1 = %2 (%3 B)</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Core:</source>
        <translation>Kern:</translation>
    </message>
    <message>
        <source>Clock:</source>
        <translation>Takt:</translation>
    </message>
    <message>
        <source>SRAM:</source>
        <translation>SRAM:</translation>
    </message>
    <message>
        <source>Flash:</source>
        <translation>Flash:</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>&amp;Target</source>
        <translation>Z&amp;iel</translation>
    </message>
</context>
<context>
    <name>mdse::widgets::ZooMenu</name>
    <message>
        <source>&amp;Zoo</source>
        <translation>&amp;Zoo</translation>
    </message>
    <message>
        <source>Open the built-in network %1</source>
        <translation>Das eingebaute Netz %1 öffnen</translation>
    </message>
</context>
</TS>
