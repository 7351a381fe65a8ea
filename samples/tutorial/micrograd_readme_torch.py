# micrograd's README program written with PyTorch tensors (float64), as micrograd's own test
# (test/test_engine.py, test_more_ops) writes it to check micrograd against PyTorch within 1e-6.
# Hover the g of g.backward(), or run Show Computation Graph on that line: dg/da = 138.8338, dg/db = 645.5773.
import torch

a = torch.tensor(-4.0, dtype=torch.float64, requires_grad=True)
b = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
c = a + b
d = a * b + b**3
c = c + c + 1
c = c + 1 + c + (-a)
d = d + d * 2 + (b + a).relu()
d = d + 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g = g + 10.0 / f
print(f'{g.item():.4f}')  # 24.7041
g.backward()
print(f'{a.grad.item():.4f}')  # 138.8338
print(f'{b.grad.item():.4f}')  # 645.5773
