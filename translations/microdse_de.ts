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
        <source>Networks (*.yaml *.yml *.onnx *.tflite);;YAML networks (*.yaml *.yml);;ONNX models (*.onnx);;TFLite models (*.tflite);;All files (*)</source>
        <translation>Netze (*.yaml *.yml *.onnx *.tflite);;YAML-Netze (*.yaml *.yml);;ONNX-Modelle (*.onnx);;TFLite-Modelle (*.tflite);;Alle Dateien (*)</translation>
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
    <name>mdse::models::McuAnalysis</name>
    <message>
        <source>No MCU target is chosen.</source>
        <translation>Kein MCU-Ziel gewählt.</translation>
    </message>
    <message>
        <source>The MCU analysis failed: %1</source>
        <translation>Die MCU-Analyse ist fehlgeschlagen: %1</translation>
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
    <name>mdse::widgets::MemoryView</name>
    <message>
        <source>%1 B (%2)</source>
        <translation>%1 B (%2)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 × %1 patches</source>
        <translation>%1 × %1 Patches</translation>
    </message>
    <message>
        <source>closed-form peak</source>
        <translation>Spitze (geschlossene Form)</translation>
    </message>
    <message>
        <source>live-set peak</source>
        <translation>Live-Set-Spitze</translation>
    </message>
    <message>
        <source>in-place peak</source>
        <translation>In-place-Spitze</translation>
    </message>
    <message>
        <source>best patch plan</source>
        <translation>bester Patch-Plan</translation>
    </message>
    <message>
        <source>arena</source>
        <translation>Arena</translation>
    </message>
    <message>
        <source>Step %1: %2
Live set: %3 (tensors %4 + scratch %5)</source>
        <translation>Schritt %1: %2
Live-Set: %3 (Tensoren %4 + Scratch %5)</translation>
    </message>
    <message>
        <source>
In-place depthwise: %1%2</source>
        <translation>
In-place Depthwise: %1%2</translation>
    </message>
    <message>
        <source> (runs in place)</source>
        <translation> (läuft in place)</translation>
    </message>
    <message>
        <source>Split after %1, %2
Peak SRAM %3
MACs +%4 (%5 extra)</source>
        <translation>Teilung nach %1, %2
SRAM-Spitze %3
MACs +%4 (%5 zusätzlich)</translation>
    </message>
    <message>
        <source>SRAM timeline</source>
        <translation>SRAM-Zeitverlauf</translation>
    </message>
    <message>
        <source>Patch inference</source>
        <translation>Patch-Inferenz</translation>
    </message>
    <message>
        <source>execution step</source>
        <translation>Ausführungsschritt</translation>
    </message>
    <message>
        <source>live SRAM (KiB)</source>
        <translation>belegter SRAM (KiB)</translation>
    </message>
    <message>
        <source>MAC overhead (%)</source>
        <translation>MAC-Mehraufwand (%)</translation>
    </message>
    <message>
        <source>peak SRAM (KiB)</source>
        <translation>SRAM-Spitze (KiB)</translation>
    </message>
    <message>
        <source>Grid:</source>
        <translation>Raster:</translation>
    </message>
    <message>
        <source>MCU Memory</source>
        <translation>MCU-Speicher</translation>
    </message>
    <message>
        <source>No MCU analysis: open a network to see its SRAM timeline and patch-based inference on the target.</source>
        <translation>Keine MCU-Analyse: Öffnen Sie ein Netz, um seinen SRAM-Zeitverlauf und die Patch-Inferenz auf dem Ziel zu sehen.</translation>
    </message>
    <message>
        <source>live set</source>
        <translation>Live-Set</translation>
    </message>
    <message>
        <source>in-place depthwise</source>
        <translation>In-place Depthwise</translation>
    </message>
    <message>
        <source>arena SRAM of %1: %2</source>
        <translation>Arena-SRAM von %1: %2</translation>
    </message>
    <message>
        <source>peak: %1</source>
        <translation>Spitze: %1</translation>
    </message>
    <message>
        <source>Peak %1 at %2 (step %3) · in-place depthwise peak %4 · arena (TFLM greedy) %5</source>
        <translation>Spitze %1 bei %2 (Schritt %3) · In-place-Depthwise-Spitze %4 · Arena (TFLM greedy) %5</translation>
    </message>
    <message>
        <source>SRAM fit (%1 + runtime %2 = %3 of %4): %5, margin %6</source>
        <translation>SRAM-Passung (%1 + Laufzeit %2 = %3 von %4): %5, Reserve %6</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>passt</translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation>passt nicht</translation>
    </message>
    <message>
        <source>All grids</source>
        <translation>Alle Raster</translation>
    </message>
    <message>
        <source>%1 × %1</source>
        <translation>%1 × %1</translation>
    </message>
    <message>
        <source>best plan</source>
        <translation>bester Plan</translation>
    </message>
    <message>
        <source>per-layer peak (no patches): %1</source>
        <translation>Spitze schichtweise (ohne Patches): %1</translation>
    </message>
    <message>
        <source>overhead limit %1</source>
        <translation>Mehraufwandsgrenze %1</translation>
    </message>
    <message numerus="yes">
        <source>%n plan(s) beyond %1 MAC overhead: turn the wheel over the plot to zoom out.</source>
        <translation>
            <numerusform>%n Plan jenseits von %1 MAC-Mehraufwand: Mausrad über der Grafik dreht heraus.</numerusform>
            <numerusform>%n Pläne jenseits von %1 MAC-Mehraufwand: Mausrad über der Grafik dreht heraus.</numerusform>
        </translation>
    </message>
    <message>
        <source>No patch plan within %1 extra MACs; per-layer peak %2</source>
        <translation>Kein Patch-Plan innerhalb von %1 zusätzlichen MACs; Spitze schichtweise %2</translation>
    </message>
    <message>
        <source>Best plan (at most %1 extra MACs): split after %2, %3: peak %4 at +%5 MACs; per-layer peak %6</source>
        <translation>Bester Plan (höchstens %1 zusätzliche MACs): Teilung nach %2, %3: Spitze %4 bei +%5 MACs; Spitze schichtweise %6</translation>
    </message>
</context>
<context>
    <name>mdse::widgets::RooflinePlot</name>
    <message>
        <source>%1%2/s</source>
        <translation>%1%2/s</translation>
    </message>
    <message>
        <source>arithmetic intensity (op/B)</source>
        <translation>arithmetische Intensität (Op/B)</translation>
    </message>
    <message>
        <source>ops/s</source>
        <translation>Ops/s</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>ops</source>
        <translation>Ops</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>%1, memory-bound</source>
        <translation>%1, speichergebunden</translation>
    </message>
    <message>
        <source>%1, compute-bound</source>
        <translation>%1, rechengebunden</translation>
    </message>
    <message>
        <source>%1 (%2)
%3 op/B, %4 attained, %5</source>
        <translation>%1 (%2)
%3 Op/B, %4 erreicht, %5</translation>
    </message>
    <message>
        <source>memory-bound</source>
        <translation>speichergebunden</translation>
    </message>
    <message>
        <source>compute-bound</source>
        <translation>rechengebunden</translation>
    </message>
</context>
<context>
    <name>mdse::widgets::RooflineView</name>
    <message>
        <source>flash and SRAM</source>
        <translation>Flash und SRAM</translation>
    </message>
    <message>
        <source>flash</source>
        <translation>Flash</translation>
    </message>
    <message>
        <source>SRAM</source>
        <translation>SRAM</translation>
    </message>
    <message>
        <source>&amp;Points:</source>
        <translation>&amp;Punkte:</translation>
    </message>
    <message>
        <source>Roofline</source>
        <translation>Roofline</translation>
    </message>
    <message>
        <source>Open a network to see its roofline on the MCU target.</source>
        <translation>Öffnen Sie ein Netz, um seine Roofline auf dem MCU-Ziel zu sehen.</translation>
    </message>
    <message>
        <source>%1: ridge %2 op/B under %3; %4 of %5 layers memory-bound</source>
        <translation>%1: Knickpunkt %2 Op/B unter %3; %4 von %5 Schichten speichergebunden</translation>
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
