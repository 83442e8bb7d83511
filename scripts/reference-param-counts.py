#!/usr/bin/python3
"""Trainable parameter counts of torchvision's reference models for 10 classes (the constants of ZooTest).

Needs Debian's python3-torchvision (apt-get install python3-torchvision).
"""
import torchvision.models as m


def count(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


for name, model in [
    ("densenet121", m.densenet121(num_classes=10)),
    ("mobilenet_v2", m.mobilenet_v2(num_classes=10)),
    ("inception_v3 (aux_logits=False)", m.inception_v3(num_classes=10, aux_logits=False, init_weights=False)),
    ("efficientnet_b0", m.efficientnet_b0(num_classes=10)),
    ("squeezenet1_1", m.squeezenet1_1(num_classes=10)),
]:
    print("%-32s %12d" % (name, count(model)))
