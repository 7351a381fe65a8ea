import numpy as np

# The tutorial with two features: f(x) = x @ w, fitted to y = 2*x1 + 1*x2.
X = np.array([[1, 1], [2, 1], [3, 2], [4, 3]], dtype = np.float32)
y = np.array([3, 5, 8, 11], dtype = np.float32)

w = np.zeros(2, dtype = np.float32)

# model prediction
def forward(X):
    return X @ w

# loss = MSE
def loss(y, y_pred):
    return ((y_pred-y)**2).mean()

# gradient
# MSE = 1/N * (X w - y)**2
# dJ/dw = 1/N 2 X^T (X w - y)
def gradient(X, y, y_pred):
    return 2 * X.T @ (y_pred-y)

learning_rate = 0.01
n_iters = 20

for epoch in range(n_iters):
    y_pred = forward(X)
    l = loss(y, y_pred)
    dw = gradient(X, y, y_pred)
    w -= learning_rate * dw
    if epoch % 2 == 0:
        print(f'epoch {epoch}: w = {w}, loss = {l:.8f}')
