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
    <name>mdse::models::SystolicSimulation</name>
    <message>
        <source>No network</source>
        <translation>Kein Netz</translation>
    </message>
    <message>
        <source>Select a convolution or dense layer in the layer table</source>
        <translation>Eine Faltungs- oder Dense-Schicht in der Schichttabelle wählen</translation>
    </message>
    <message>
        <source>No layer named “%1”</source>
        <translation>Keine Schicht namens „%1“</translation>
    </message>
    <message>
        <source>%1: not a convolution or dense layer</source>
        <translation>%1: keine Faltungs- oder Dense-Schicht</translation>
    </message>
    <message>
        <source>Simulating %1…</source>
        <translation>Simuliere %1…</translation>
    </message>
    <message>
        <source>%1: the simulation failed: %2</source>
        <translation>%1: die Simulation ist fehlgeschlagen: %2</translation>
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
    <name>mdse::widgets::SystolicArrayView</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>depthwise convolution</source>
        <translation>tiefenweise Faltung</translation>
    </message>
    <message>
        <source>dense</source>
        <translation>Dense</translation>
    </message>
    <message>
        <source>convolution</source>
        <translation>Faltung</translation>
    </message>
    <message>
        <source>cycle</source>
        <translation>Takt</translation>
    </message>
    <message>
        <source>SRAM words per cycle</source>
        <translation>SRAM-Wörter pro Takt</translation>
    </message>
    <message>
        <source>Array</source>
        <translation>Array</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>Rows × columns:</source>
        <translation>Zeilen × Spalten:</translation>
    </message>
    <message>
        <source>Output stationary (OS)</source>
        <translation>Output Stationary (OS)</translation>
    </message>
    <message>
        <source>Weight stationary (WS)</source>
        <translation>Weight Stationary (WS)</translation>
    </message>
    <message>
        <source>Input stationary (IS)</source>
        <translation>Input Stationary (IS)</translation>
    </message>
    <message>
        <source>Dataflow:</source>
        <translation>Datenfluss:</translation>
    </message>
    <message>
        <source> kB</source>
        <translation> kB</translation>
    </message>
    <message>
        <source>Ifmap SRAM:</source>
        <translation>Ifmap-SRAM:</translation>
    </message>
    <message>
        <source>Filter SRAM:</source>
        <translation>Filter-SRAM:</translation>
    </message>
    <message>
        <source>Ofmap SRAM:</source>
        <translation>Ofmap-SRAM:</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>GEMM:</source>
        <translation>GEMM:</translation>
    </message>
    <message>
        <source>Total cycles:</source>
        <translation>Takte gesamt:</translation>
    </message>
    <message>
        <source>Stall cycles:</source>
        <translation>Wartetakte:</translation>
    </message>
    <message>
        <source>Utilization:</source>
        <translation>Auslastung:</translation>
    </message>
    <message>
        <source>Mapping efficiency:</source>
        <translation>Abbildungseffizienz:</translation>
    </message>
    <message>
        <source>SRAM reads:</source>
        <translation>SRAM-Lesezugriffe:</translation>
    </message>
    <message>
        <source>SRAM writes:</source>
        <translation>SRAM-Schreibzugriffe:</translation>
    </message>
    <message>
        <source>DRAM reads:</source>
        <translation>DRAM-Lesezugriffe:</translation>
    </message>
    <message>
        <source>DRAM writes:</source>
        <translation>DRAM-Schreibzugriffe:</translation>
    </message>
    <message>
        <source>Systolic Array</source>
        <translation>Systolisches Array</translation>
    </message>
    <message>
        <source> — simulating…</source>
        <translation> – wird simuliert…</translation>
    </message>
    <message>
        <source>%1 (%2, %3 groups)</source>
        <translation>%1 (%2, %3 Gruppen)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>M %1 × K %2 × N %3</source>
        <translation>M %1 × K %2 × N %3</translation>
    </message>
    <message>
        <source>ifmap %1 · filter %2</source>
        <translation>Ifmap %1 · Filter %2</translation>
    </message>
    <message>
        <source>ofmap %1</source>
        <translation>Ofmap %1</translation>
    </message>
    <message>
        <source>ifmap reads</source>
        <translation>Ifmap-Lesezugriffe</translation>
    </message>
    <message>
        <source>filter reads</source>
        <translation>Filter-Lesezugriffe</translation>
    </message>
    <message>
        <source>ofmap writes</source>
        <translation>Ofmap-Schreibzugriffe</translation>
    </message>
    <message>
        <source>SRAM words per cycle, averaged over bins of %1 cycles, without stalls</source>
        <translation>SRAM-Wörter pro Takt, gemittelt über Abschnitte von %1 Takten, ohne Wartetakte</translation>
    </message>
    <message>
        <source>Folds (rows × columns):</source>
        <translation>Durchläufe (Zeilen × Spalten):</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
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
