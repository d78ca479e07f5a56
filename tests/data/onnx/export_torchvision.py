#!/usr/bin/python3
"""Real PyTorch exporter output for the ONNX importer tests, and an
independent count of its MACs and parameters from PyTorch itself.

NEEDS PyTorch (Debian 12: apt-get install python3-torch python3-torchvision
python3-onnx). CI never runs it: the .onnx files it writes are committed.

    /usr/bin/python3 tests/data/onnx/export_torchvision.py            # committed set
    /usr/bin/python3 tests/data/onnx/export_torchvision.py --count    # print counts only
    /usr/bin/python3 tests/data/onnx/export_torchvision.py --all --out /tmp/x
        # full-size torchvision models, opset 11 and 13, plus dynamic batch

Weights are random (seeded; torchvision's own initialisation): counts only
depend on shapes. The committed set uses num_classes=10 to keep the files
small (the 1000-class classifiers hold most of the bytes). Export uses the
exporter's defaults: eval mode, do_constant_folding=True, so BatchNorm is
folded into the preceding conv by torch.onnx itself.

The count is written from the PyTorch modules, not from ONNX: forward hooks
on every Conv2d / Linear / LSTM with a batch of one:
  Conv2d  MACs = output elements * Cin/groups * kh * kw
  Linear  MACs = in_features * out_features (per leading row)
  LSTM    MACs = T * 4H * (I + H) per layer and direction
Parameters of the folded graph: every conv gets a bias of Cout (its own,
or BatchNorm's folded shift), so params = sum over Conv2d of (weight + Cout)
+ Linear and LSTM parameters; BatchNorm's gamma/beta disappear.
"""
import argparse
import os

import torch
import torch.nn as nn
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))


class LstmKws(nn.Module):
    """Keyword spotter in the shape of Hello Edge's Basic LSTM S: 49 frames
    of 10 MFCC, one LSTM of 118 units, the last step feeds 12 classes."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(10, 118, batch_first=True)
        self.fc = nn.Linear(118, 12)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1, :])


def tv(name, **kwargs):
    return lambda: getattr(torchvision.models, name)(**kwargs)


COMMITTED = {
    # name: (model, input shape, opset, dynamic batch axis)
    "tv-shufflenet-v2-x0.5": (tv("shufflenet_v2_x0_5", num_classes=10), (1, 3, 224, 224), 13, True),
    "tv-mnasnet0.5": (tv("mnasnet0_5", num_classes=10), (1, 3, 224, 224), 13, False),
    "tv-squeezenet1.1": (tv("squeezenet1_1", num_classes=10), (1, 3, 224, 224), 11, False),
    "tv-mobilenet-v2-0.35": (tv("mobilenet_v2", width_mult=0.35, num_classes=10), (1, 3, 224, 224), 13, False),
    "torch-lstm-kws": (LstmKws, (1, 49, 10), 13, True),
}

FULL = {
    "mobilenet_v2": tv("mobilenet_v2"),
    "resnet18": tv("resnet18"),
    "squeezenet1_1": tv("squeezenet1_1"),
    "shufflenet_v2_x1_0": tv("shufflenet_v2_x1_0"),
    "mnasnet1_0": tv("mnasnet1_0"),
    "alexnet": tv("alexnet"),
}


def count(model, shape):
    """(macs, params of the BN-folded graph, per-layer list) from PyTorch."""
    layers = []

    def hook(module, inputs, output):
        if isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            macs = output.numel() * (module.in_channels // module.groups) * kh * kw
            params = module.weight.numel() + module.out_channels
        elif isinstance(module, nn.Linear):
            rows = inputs[0].numel() // module.in_features
            macs = rows * module.in_features * module.out_features
            params = sum(p.numel() for p in module.parameters())
        else:  # nn.LSTM
            steps = inputs[0].shape[1 if module.batch_first else 0]
            h, i = module.hidden_size, module.input_size
            macs = steps * 4 * h * (i + h)
            params = sum(p.numel() for p in module.parameters())
        layers.append((type(module).__name__, macs, params))

    handles = [m.register_forward_hook(hook) for m in model.modules()
               if isinstance(m, (nn.Conv2d, nn.Linear, nn.LSTM))]
    with torch.no_grad():
        model(torch.zeros(shape))
    for handle in handles:
        handle.remove()
    return sum(l[1] for l in layers), sum(l[2] for l in layers), layers


def export(model, shape, path, opset, dynamic=False):
    first = "mfcc" if len(shape) == 3 else "image"
    axes = {first: {0: "batch"}, "logits": {0: "batch"}} if dynamic else None
    torch.onnx.export(model, torch.zeros(shape), path, opset_version=opset,
                      do_constant_folding=True, input_names=[first],
                      output_names=["logits"], dynamic_axes=axes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=HERE)
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--count", action="store_true")
    args = parser.parse_args()
    print(f"torch {torch.__version__} torchvision {torchvision.__version__}")
    jobs = []
    if args.all:
        for name, make in FULL.items():
            for opset, dynamic in ((11, False), (13, False), (13, True)):
                suffix = f"-op{opset}" + ("-dyn" if dynamic else "")
                jobs.append((name + suffix, make, (1, 3, 224, 224), opset, dynamic))
        jobs.append(("lstm-kws-op11", LstmKws, (1, 49, 10), 11, False))
        jobs.append(("lstm-kws-op13-dyn", LstmKws, (1, 49, 10), 13, True))
    else:
        jobs = [(n, *job) for n, job in COMMITTED.items()]
    for name, make, shape, opset, dynamic in jobs:
        torch.manual_seed(0)
        model = make().eval()
        macs, params, _ = count(model, shape)
        print(f"{name}: macs {macs} params {params}")
        if not args.count:
            export(model, shape, os.path.join(args.out, name + ".onnx"), opset, dynamic)


if __name__ == "__main__":
    main()
